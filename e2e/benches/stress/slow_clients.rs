//! Part 2, slow clients: 1,100 connections from 20 loopback addresses that send part of their
//! headers, or part of a body, or idle on keep-alive after one request; then, while the
//! server's timeouts pass, how many are still open and whether a new client gets
//! `GET /health` answered.

use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use tokio::net::TcpSocket;
use twostep_e2e::TestServer;

use crate::client::{block_on, once};
use crate::measure::{open_files, rss, server_pid};
use crate::report::{Table, count, duration, memory};
use crate::sleep_until;

/// How many slow connections.
const CONNECTIONS: usize = 1_100;
/// The loopback addresses they come from, in turn (127.0.1.1, 127.0.1.2, ...): fewer
/// connections from each than a server would allow one address, so that what holds them off
/// is its timeouts and its overall cap.
const SOURCES: usize = 20;
/// The longest opening one may take, and opening them all.
const CONNECT_LIMIT: Duration = Duration::from_secs(1);
const OPENING_LIMIT: Duration = Duration::from_secs(30);
/// When the connections are looked at, after the last one was opened: before the server's
/// header and body timeouts (10 s by default), after them, after the idle timeout (30 s), and
/// once more.
const CHECKS: [Duration; 4] = [
    Duration::from_secs(2),
    Duration::from_secs(15),
    Duration::from_secs(35),
    Duration::from_secs(65),
];
/// The longest a new client waits for `GET /health`.
const HEALTH_LIMIT: Duration = Duration::from_secs(12);

/// What a slow connection sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Part of a request's headers, never the blank line that ends them.
    PartialHeaders,
    /// A sign-in's headers announcing 200 bytes of body, then 14 of them.
    PartialBody,
    /// One whole request, then nothing: idling on keep-alive after the answer.
    IdleKeepAlive,
}

impl Kind {
    /// One connection in eleven idles and one sends part of a body; the rest send part of
    /// their headers (900, 100 and 100 of 1,100).
    fn of(index: usize) -> Self {
        match index % 11 {
            0 => Kind::IdleKeepAlive,
            1 => Kind::PartialBody,
            _ => Kind::PartialHeaders,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::PartialHeaders => "partial headers",
            Kind::PartialBody => "partial body",
            Kind::IdleKeepAlive => "idle keep-alive",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Kind::PartialHeaders => b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
            Kind::PartialBody => {
                b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                  Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"email\": \"slo"
            }
            Kind::IdleKeepAlive => b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        }
    }
}

/// One slow connection and what was seen of it.
#[derive(Debug)]
struct Slow {
    kind: Kind,
    stream: TcpStream,
    answered: bool,
    closed: bool,
}

impl Slow {
    /// Connects from `source` to `server` and sends what `kind` sends.
    async fn open(server: SocketAddr, source: IpAddr, kind: Kind) -> io::Result<Self> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(source, 0))?;
        let connected = tokio::time::timeout(CONNECT_LIMIT, socket.connect(server)).await;
        let mut stream =
            connected.map_err(|_| io::Error::from(ErrorKind::TimedOut))??.into_std()?;
        stream.set_nonblocking(false)?;
        stream.write_all(kind.bytes())?;
        stream.set_nonblocking(true)?;
        Ok(Self { kind, stream, answered: false, closed: false })
    }

    /// Reads what the server sent since the last look, without waiting: an end of stream or
    /// a reset means the server closed the connection.
    fn look(&mut self) {
        let mut buffer = [0u8; 4096];
        while !self.closed {
            match self.stream.read(&mut buffer) {
                Ok(0) => self.closed = true,
                Ok(_) => self.answered = true,
                Err(error) if error.kind() == ErrorKind::WouldBlock => break,
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(_) => self.closed = true,
            }
        }
    }
}

/// Opens the slow connections, watches them and a new client, and reports it.
pub fn run() -> Table {
    let server = crate::start_server(TestServer::start);
    let pid = server_pid();
    let base = server.base_url().to_owned();
    let address: SocketAddr = base
        .trim_start_matches("http://")
        .parse()
        .unwrap_or_else(|error| panic!("the server's address {base}: {error}"));
    let mut table = Table::new(&format!(
        "2. Slow clients: {} connections from {SOURCES} addresses (127.0.1.1 to 127.0.1.{SOURCES}): \
         partial headers, partial bodies, idle keep-alive",
        count(CONNECTIONS as u64)
    ));
    table.row("server's open files before", files(open_files(pid)));

    let began = Instant::now();
    let mut slow = Vec::new();
    let mut refused = BTreeMap::<String, u64>::new();
    block_on(async {
        for index in 0..CONNECTIONS {
            if began.elapsed() > OPENING_LIMIT {
                *refused.entry("not tried (time to open them was up)".to_owned()).or_default() +=
                    (CONNECTIONS - index) as u64;
                break;
            }
            match Slow::open(address, source(index), Kind::of(index)).await {
                Ok(connection) => slow.push(connection),
                Err(error) => *refused.entry(error.kind().to_string()).or_default() += 1,
            }
        }
    });
    let opened = Instant::now();
    table.row(
        "connections opened",
        format!("{} in {}", count(slow.len() as u64), duration(opened - began)),
    );
    for (why, n) in &refused {
        table.row(format!("connections not opened: {why}"), count(*n));
    }

    for check in CHECKS {
        sleep_until(opened + check);
        let at = opened.elapsed();
        for connection in &mut slow {
            connection.look();
        }
        let mut open = BTreeMap::<Kind, (u64, u64)>::new();
        for connection in &slow {
            let (still_open, of) = open.entry(connection.kind).or_default();
            *of += 1;
            if !connection.closed {
                *still_open += 1;
            }
        }
        let total: u64 = open.values().map(|(still_open, _)| still_open).sum();
        let by_kind: Vec<String> = open
            .iter()
            .map(|(kind, (still_open, of))| format!("{} {still_open}/{of}", kind.name()))
            .collect();
        table.row(
            format!("after {}: still open", duration(at)),
            format!("{} ({})", count(total), by_kind.join(", ")),
        );
        table.row(
            format!("after {}: server's open files, memory", duration(at)),
            format!("{}, {}", files(open_files(pid)), memory(rss(pid))),
        );
        let health = once(&base, None, "GET", "/api/v1/health", &[], None, HEALTH_LIMIT);
        table.row(format!("after {}: a new client's GET /health", duration(at)), health.describe());
    }
    let mut answered = BTreeMap::<Kind, u64>::new();
    for connection in slow.iter().filter(|connection| connection.answered) {
        *answered.entry(connection.kind).or_default() += 1;
    }
    let answered: Vec<String> =
        answered.iter().map(|(kind, n)| format!("{} {n}", kind.name())).collect();
    table.row(
        "slow connections that got an answer (a 408, or the idle ones' /health)",
        if answered.is_empty() { "none".to_owned() } else { answered.join(", ") },
    );
    drop(slow);
    drop(server);
    table
}

/// The address connection `index` comes from.
fn source(index: usize) -> IpAddr {
    let host = u8::try_from(1 + index % SOURCES).expect("fewer than 255 sources");
    IpAddr::V4(Ipv4Addr::new(127, 0, 1, host))
}

fn files(open: Option<usize>) -> String {
    open.map_or("unknown".to_owned(), |n| count(n as u64))
}

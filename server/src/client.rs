//! Who is on the other end of the connection: the client's address, as the sign-in throttle
//! counts it.
//!
//! The serve loop puts [`ConnectInfo<SocketAddr>`] into every request. When the peer is one of
//! the trusted proxies (`TWOSTEP_TRUSTED_PROXIES`), the client is the right-most address of
//! `X-Forwarded-For` that is not itself a trusted proxy: the left part of that header is
//! whatever the client chose to send, so only the hops the proxies appended are believed.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::state::AppState;

/// The header reverse proxies append the address they were reached from to.
const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address. Without connection info (requests sent straight to the router, as
/// tests do) it is `0.0.0.0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The address as limits count it: an IPv4 address as itself, an IPv6 address by its /64
    /// network (one subscriber usually holds a whole /64), such as `2001:db8:1:2::/64`.
    pub fn bucket(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", Ipv6Addr::from(network))
            }
        }
    }

    /// The network the address is in, as the coarser limit counts it: an IPv4 address by its
    /// /24, an IPv6 address by its /48 (what one site or subscriber is often given), such as
    /// `203.0.113.0/24` or `2001:db8:1::/48`.
    pub fn network(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => format!("{}/24", Ipv4Addr::from(u32::from(v4) & !0xff)),
            IpAddr::V6(v6) => {
                let network = u128::from(v6) & !((1u128 << 80) - 1);
                format!("{}/48", Ipv6Addr::from(network))
            }
        }
    }

    /// The client of a request from `peer` carrying the `X-Forwarded-For` values `forwarded`
    /// (in header order), believing the proxies `trusted`.
    pub fn resolve<'a>(
        peer: IpAddr,
        forwarded: impl IntoIterator<Item = &'a str>,
        trusted: &[IpAddr],
    ) -> ClientAddress {
        let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.to_canonical() == ip);
        let mut client = peer.to_canonical();
        if !is_trusted(client) {
            return ClientAddress(client);
        }
        let hops: Vec<&str> = forwarded.into_iter().flat_map(|v| v.split(',')).collect();
        for hop in hops.iter().rev() {
            // A hop that does not read as an address stops the walk: nothing left of it can
            // be believed, so the client is the last trusted hop.
            let Some(ip) = parse_hop(hop) else { break };
            client = ip;
            if !is_trusted(ip) {
                break;
            }
        }
        ClientAddress(client)
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(ClientAddress(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        };
        let forwarded =
            parts.headers.get_all(FORWARDED_FOR).iter().filter_map(|value| value.to_str().ok());
        Ok(ClientAddress::resolve(peer.ip(), forwarded, &state.limits.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let client = ClientAddress::resolve(ip("203.0.113.9"), ["198.51.100.1"], &[]);
        assert_eq!(client.0, ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client forged the left-most entry; the proxies appended the rest.
        let forwarded = ["6.6.6.6, 203.0.113.7", "10.0.0.2"];
        let client = ClientAddress::resolve(ip("10.0.0.1"), forwarded, &proxies);
        assert_eq!(client.0, ip("203.0.113.7"));
        let with_port = ClientAddress::resolve(ip("10.0.0.1"), ["[2001:db8::1]:443"], &proxies);
        assert_eq!(with_port.0, ip("2001:db8::1"));
    }

    #[test]
    fn a_trusted_proxy_without_a_believable_hop_is_the_client() {
        let proxies = [ip("10.0.0.1")];
        assert_eq!(ClientAddress::resolve(ip("10.0.0.1"), [], &proxies).0, ip("10.0.0.1"));
        let junk = ClientAddress::resolve(ip("10.0.0.1"), ["203.0.113.7, junk"], &proxies);
        assert_eq!(junk.0, ip("10.0.0.1"));
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_network_and_mapped_ipv4_as_ipv4() {
        let a = ClientAddress::resolve(ip("2001:db8:1:2:aaaa::1"), [], &[]);
        let b = ClientAddress::resolve(ip("2001:db8:1:2:bbbb::9"), [], &[]);
        assert_eq!(a.bucket(), "2001:db8:1:2::/64");
        assert_eq!(a.bucket(), b.bucket());
        let mapped = ClientAddress::resolve(ip("::ffff:192.0.2.4"), [], &[]);
        assert_eq!(mapped.bucket(), "192.0.2.4");
        assert_eq!(mapped.network(), "192.0.2.0/24");
    }

    #[test]
    fn networks_are_ipv4_24s_and_ipv6_48s() {
        assert_eq!(ClientAddress(ip("203.0.113.77")).network(), "203.0.113.0/24");
        let a = ClientAddress(ip("2001:db8:1:2:aaaa::1"));
        let b = ClientAddress(ip("2001:db8:1:ffff::9"));
        assert_eq!(a.network(), "2001:db8:1::/48");
        assert_eq!(a.network(), b.network());
        assert_ne!(a.network(), ClientAddress(ip("2001:db8:2::1")).network());
    }
}

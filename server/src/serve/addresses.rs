//! The connections open from each client address, so that one client cannot take every
//! connection the server serves.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use crate::client::ClientAddress;
use crate::config::Limits;

/// Open connections per client address (as [`ClientAddress::bucket`] counts them: an IPv6
/// address by its /64, an IPv4-mapped one as IPv4), up to a limit. The map holds only the
/// addresses with a connection open, so it is no larger than the connections served.
#[derive(Clone, Debug)]
pub struct Addresses {
    open: Arc<Mutex<HashMap<String, usize>>>,
    limit: usize,
    /// Proxies all clients come through: never limited.
    exempt: Vec<IpAddr>,
}

impl Addresses {
    /// Counts within `limits.max_connections_per_address`, exempting the trusted proxies.
    pub fn new(limits: &Limits) -> Self {
        Addresses {
            open: Arc::default(),
            limit: limits.max_connections_per_address,
            exempt: limits.trusted_proxies.iter().map(|ip| ip.to_canonical()).collect(),
        }
    }

    /// A slot for one more connection from `peer`, held until dropped; `None` when `peer`
    /// already has as many connections open as it may.
    pub fn take(&self, peer: IpAddr) -> Option<Slot> {
        let peer = peer.to_canonical();
        if self.exempt.contains(&peer) {
            return Some(Slot { addresses: None, bucket: String::new() });
        }
        let bucket = ClientAddress(peer).bucket();
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(bucket.clone()).or_insert(0);
        if *count >= self.limit {
            return None;
        }
        *count += 1;
        Some(Slot { addresses: Some(self.open.clone()), bucket })
    }
}

/// One open connection of a client address.
#[derive(Debug)]
pub struct Slot {
    addresses: Option<Arc<Mutex<HashMap<String, usize>>>>,
    bucket: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let Some(addresses) = &self.addresses else { return };
        let mut open = addresses.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.bucket) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.bucket);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(limit: usize, proxies: &[&str]) -> Addresses {
        Addresses::new(&Limits {
            max_connections_per_address: limit,
            trusted_proxies: proxies.iter().map(|p| p.parse().unwrap()).collect(),
            ..Limits::default()
        })
    }

    #[test]
    fn an_address_gets_its_slots_back_as_they_are_dropped() {
        let addresses = addresses(2, &[]);
        let ip = "192.0.2.1".parse().unwrap();
        let (a, _b) = (addresses.take(ip).unwrap(), addresses.take(ip).unwrap());
        assert!(addresses.take(ip).is_none());
        assert!(addresses.take("192.0.2.2".parse().unwrap()).is_some());
        drop(a);
        assert!(addresses.take(ip).is_some());
    }

    #[test]
    fn ipv6_counts_by_64_mapped_ipv4_as_ipv4_and_proxies_are_exempt() {
        let addresses = addresses(1, &["10.0.0.1"]);
        let _v6 = addresses.take("2001:db8:1:2::1".parse().unwrap()).unwrap();
        assert!(addresses.take("2001:db8:1:2:ffff::9".parse().unwrap()).is_none());
        let _v4 = addresses.take("192.0.2.4".parse().unwrap()).unwrap();
        assert!(addresses.take("::ffff:192.0.2.4".parse().unwrap()).is_none());
        let proxy = "10.0.0.1".parse().unwrap();
        let _held: Vec<Slot> = (0..5).map(|_| addresses.take(proxy).unwrap()).collect();
    }
}

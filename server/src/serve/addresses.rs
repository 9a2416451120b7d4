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

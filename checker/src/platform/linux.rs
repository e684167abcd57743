//! Linux only: a network namespace of the process's own, with loopback up.

#![allow(unsafe_code)]

use std::io;

use nix::sched::{CloneFlags, unshare};

/// Moves the calling process into a new network namespace and brings its loopback up.
/// Called between fork and exec: system calls only, no allocation.
pub fn enter_loopback_only_network() -> io::Result<()> {
    // Root may make a network namespace directly; others inside a user namespace of their own.
    unshare(CloneFlags::CLONE_NEWNET)
        .or_else(|_| unshare(CloneFlags::CLONE_NEWUSER | CloneFlags::CLONE_NEWNET))
        .map_err(io::Error::from)?;
    bring_loopback_up()
}

/// nix has no wrapper for the interface-flags ioctl, so this one call goes through libc.
fn bring_loopback_up() -> io::Result<()> {
    // SAFETY: socket, ioctl and close are plain system calls; `request` is a zeroed `ifreq` we
    // own, named "lo" (NUL-terminated by the zeroing), and lives across both ioctl calls.
    unsafe {
        let socket = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if socket < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut request: libc::ifreq = std::mem::zeroed();
        request.ifr_name[0] = b'l' as libc::c_char;
        request.ifr_name[1] = b'o' as libc::c_char;
        let mut result = libc::ioctl(socket, libc::SIOCGIFFLAGS as _, &mut request);
        if result == 0 {
            request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            result = libc::ioctl(socket, libc::SIOCSIFFLAGS as _, &request);
        }
        let error = io::Error::last_os_error();
        libc::close(socket);
        if result == 0 { Ok(()) } else { Err(error) }
    }
}

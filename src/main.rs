//! The console's binary: installs the panic hook that reports to the browser console, then
//! starts the app.

#![warn(missing_docs)]

fn main() {
    console_error_panic_hook::set_once();
    twostep_admin::start();
}

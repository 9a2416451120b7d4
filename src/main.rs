fn main() {
    console_error_panic_hook::set_once();
    twostep_admin::start();
}

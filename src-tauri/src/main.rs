fn main() { loket_lib::run() }

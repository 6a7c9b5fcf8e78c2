fn main() {
    std::process::exit(followthrough_app::cli::main());
}

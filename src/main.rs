//! `linekeeper`: the command-line tool. (In progress: `scan` arrives with the extraction engine.)
fn main() {
    eprintln!("linekeeper: no command yet");
    std::process::exit(2);
}

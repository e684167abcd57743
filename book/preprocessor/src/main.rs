//! `mdbook-oxidize`: the book's preprocessor, run by mdBook (see `[preprocessor.oxidize]` in
//! book.toml). `mdbook-oxidize supports RENDERER` answers whether it runs for that renderer;
//! without arguments it reads the book as JSON on stdin and writes it back on stdout.

use std::io;
use std::process::ExitCode;

use mdbook_preprocessor::Preprocessor;
use oxidize_book::Oxidize;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, renderer] if cmd == "supports" => {
            if Oxidize.supports_renderer(renderer).unwrap_or(false) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        [] => match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mdbook-oxidize: {e:#}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: mdbook-oxidize [supports RENDERER] (run by mdBook)");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin())?;
    let book = Oxidize.run(&ctx, book)?;
    serde_json::to_writer(io::stdout().lock(), &book)?;
    Ok(())
}

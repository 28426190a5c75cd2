//! The build script of the three wasm crates (`build = "../wasm-map.rs"`), for `cargo xtask dist` (xtask/src/deadata.rs): the wasm linker's map of this module's
//! data symbols, `<crate>.map` beside `<crate>.wasm` in the target directory (written
//! whenever the module is linked, so it always describes that module).
fn main() {
    println!("cargo:rerun-if-changed=../wasm-map.rs");
    let wasm = std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"));
    if let (true, Some(out), Ok(name)) = (
        wasm,
        std::env::var_os("OUT_DIR"),
        std::env::var("CARGO_PKG_NAME"),
    ) {
        // OUT_DIR is <target>/<triple>/<profile>/build/<crate>-<hash>/out.
        let profile = std::path::Path::new(&out).ancestors().nth(3);
        if let Some(profile) = profile {
            let map = profile.join(format!("{}.map", name.replace('-', "_")));
            println!("cargo:rustc-link-arg-cdylib=--Map={}", map.display());
            // The relocations too (`linking`, `reloc.CODE`, `reloc.DATA`): which symbol
            // each address in the code and the data was made from.
            println!("cargo:rustc-link-arg-cdylib=--emit-relocs");
        }
    }
}

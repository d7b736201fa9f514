//! Gives the shared library a versioned soname (`liboauth1.so.MAJOR`), so
//! programs linked against it keep working across compatible upgrades,
//! and marks it never to be unloaded (its fork handler stays registered).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
    if os == "linux" || os == "freebsd" || os == "netbsd" || os == "openbsd" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liboauth1.so.{major}");
        // The fork handler (src/fork.rs) must outlive any dlclose().
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    }
}

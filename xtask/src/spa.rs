//! Building the console with Trunk, and measuring what it ships.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::process::{command, run};
use crate::{Failure, Outcome, root, target_dir};

/// The files and folders the release build of the console is made from.
const INPUTS: [&str; 11] = [
    "src",
    "i18n",
    "build.rs",
    "style",
    "public",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    "contract/src",
    "contract/Cargo.toml",
];

/// Most bytes, after brotli, each kind of shipped file may weigh. The console must stay quick
/// to load on a helpdesk laptop: a change that crosses a line here has to earn its bytes.
/// (The wasm line moved from 200 KiB to 256 KiB with the organization tree and the group
/// Settings tab, about 39 KB spread over Leptos's rendering of the new views; and to 320 KiB
/// with the Members and Audit log tabs, about 58 KB: measured by removing each in turn, the
/// members table, filters and reset dialog weigh about 135 KB before wasm-opt and brotli, the
/// audit log about 82 KB, of which a third is reading its JSON. Trunk 0.21 cannot split the
/// wasm per route, so every tab is in the one file; the browser caches it between visits.
/// It moved to 344 KiB with the second step of signing in and My account, about 45 KB
/// measured the same way: My account's panel and password form about 16 KB, the second step's
/// screens about 10 KB, and the rest their strings in two languages, reading six new contract
/// types and nine new calls. These screens are the first candidates for loading only when
/// needed once the wasm is split. And to 346 KiB with My account's "Sign out everywhere" and
/// its confirmation, and the messages of a busy server and of how long to wait after too many
/// sign-ins, in two languages: 3,409 bytes, from 348,868 to 352,277. And to 347 KiB when the
/// console came to read the contract one way: requests built on `web_sys::Request` to send the
/// address exactly as written, a backend's detail kept as a second line of every alert, and the
/// reset count asked of the preview again after an unexpected 409: 2,648 bytes, to 354,925.)
const BUDGETS: [(&str, u64); 3] = [("wasm", 347 * 1024), ("js", 12 * 1024), ("css", 8 * 1024)];

/// Most bytes, after brotli, of one language's catalog (`dist/i18n/<tag>.json`).
const CATALOG_BUDGET: u64 = 7 * 1024;

/// What a first visit downloads, after brotli, in English and in French before the console
/// spoke seven languages: `index.html`, wasm, JS and CSS (French was compiled in). With seven,
/// English was 368,751 and the heaviest, German, 372,634 (its catalog 3,824): French left
/// the wasm, the catalogs travel as their texts alone, and the minified CSS and `index.html`
/// (without integrity hashes on the same-origin CSS) paid for the loader, `Intl` and the rest.
const FIRST_LOAD_IN_TWO_LANGUAGES: u64 = 370_126;

/// Most bytes a first visit in any one language may download beyond that: only the active
/// language travels, so five more languages must not make every visit heavier.
const FIRST_LOAD_GROWTH: u64 = 3 * 1024;

/// Builds the console into `dist/` in release, unless nothing it is made from has changed.
pub fn build() -> Outcome {
    let stamp = target_dir().join("xtask/spa-fingerprint");
    let fingerprint = fingerprint();
    let built = root().join("dist/index.html").exists();
    if built && fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str()) {
        println!("The console in dist/ is up to date.");
        return Ok(());
    }
    run(command("cargo").arg("fetch"), "fetching the crates")?;
    run(command("trunk").args(["build", "--release", "--offline"]), "building the console")?;
    compact_catalogs(&root().join("dist/i18n"))?;
    if let Some(dir) = stamp.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    fs::write(&stamp, fingerprint).map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    Ok(())
}

/// Ships each language's catalog without its keys: the console reads the texts in order
/// (which `build.rs` checks), so `{"sign_in": "Anmelden", …}` travels as
/// `["<version of the keys>", "Anmelden", …]`, with an empty text where a language has no
/// `many` form, a third lighter after brotli.
fn compact_catalogs(dir: &Path) -> Outcome {
    let Ok(files) = fs::read_dir(dir) else { return Ok(()) };
    let mut shapes = Vec::new();
    for file in files.flatten().map(|entry| entry.path()) {
        let json =
            fs::read_to_string(&file).map_err(|e| format!("reading {}: {e}", file.display()))?;
        let (id, texts) = catalog_texts(&json)
            .ok_or_else(|| format!("{} is not a flat JSON object of strings", file.display()))?;
        fs::write(&file, format!("[\"{id}\",{}]", texts.join(",")))
            .map_err(|e| format!("writing {}: {e}", file.display()))?;
        shapes.push((file.display().to_string(), id, texts.len()));
    }
    if let Some((first, rest)) = shapes.split_first()
        && let Some(other) = rest.iter().find(|shape| (&shape.1, shape.2) != (&first.1, first.2))
    {
        return Err(Failure(format!("{} and {} have different keys", first.0, other.0)));
    }
    Ok(())
}

/// The version of a catalog's keys, as `build.rs` computes it from the English catalog:
/// FNV-1a (64 bits) over the keys (a plural's once, without `.one`, `.many`, `.other`),
/// each ended by a newline.
fn catalog_id(keys: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in keys.iter().flat_map(|key| key.bytes().chain([b'\n'])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The version of a catalog's keys and its texts (a flat JSON object of strings), in order,
/// each still a JSON string literal; an empty one (`""`) where a plural has `one` and `other`
/// but no `many`.
fn catalog_texts(json: &str) -> Option<(String, Vec<&str>)> {
    let mut strings = Vec::new();
    let mut rest = json.trim().strip_prefix('{')?.strip_suffix('}')?;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let start = rest.strip_prefix('"').map(|_| 0)?;
        let mut escaped = false;
        let end = rest[1..].char_indices().find_map(|(at, c)| {
            let closes = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            closes.then_some(at + 2)
        })?;
        strings.push(&rest[start..end]);
        rest = rest[end..].trim_start();
        rest = rest.strip_prefix([':', ',']).unwrap_or(rest);
    }
    if strings.len() % 2 != 0 {
        return None;
    }
    let mut texts = Vec::new();
    let pairs: Vec<(&str, &str)> = strings.chunks(2).map(|pair| (pair[0], pair[1])).collect();
    for (at, (key, text)) in pairs.iter().enumerate() {
        texts.push(*text);
        let next = pairs.get(at + 1).map_or("", |(key, _)| *key);
        if key.ends_with(".one\"") && !next.ends_with(".many\"") {
            texts.push("\"\"");
        }
    }
    let mut keys: Vec<&str> = Vec::new();
    for (key, _) in &pairs {
        let key = key.trim_matches('"');
        let key = [".one", ".many", ".other"]
            .iter()
            .find_map(|form| key.strip_suffix(form))
            .unwrap_or(key);
        if keys.last() != Some(&key) {
            keys.push(key);
        }
    }
    Some((catalog_id(&keys), texts))
}

/// One shipped file and its sizes.
pub struct Shipped {
    /// Its name inside `dist/`.
    pub name: String,
    /// Its extension, the kind budgets are set for.
    pub kind: String,
    /// Bytes as built.
    pub raw: u64,
    /// Bytes after brotli at the highest quality, as a server or CDN would send it.
    pub brotli: u64,
}

/// The sizes of every file in `dist/`.
pub fn shipped() -> Result<Vec<Shipped>, Failure> {
    let dist = root().join("dist");
    let mut files = Vec::new();
    collect(&dist, &mut files).map_err(|e| format!("reading {}: {e}", dist.display()))?;
    let mut sizes = Vec::new();
    for path in files {
        let bytes = fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        let mut compressed = Vec::new();
        let params =
            brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut compressed, &params)
            .map_err(|e| format!("compressing {}: {e}", path.display()))?;
        let name = path.strip_prefix(&dist).unwrap_or(&path).display().to_string();
        let kind = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        sizes.push(Shipped {
            name,
            kind,
            raw: bytes.len() as u64,
            brotli: compressed.len() as u64,
        });
    }
    sizes.sort_by_key(|file| std::cmp::Reverse(file.raw));
    Ok(sizes)
}

/// Prints the shipped sizes and fails when a kind of file is over its budget.
pub fn check_budget() -> Outcome {
    let sizes = shipped()?;
    println!("\n{:<48} {:>10} {:>10}", "shipped file", "raw", "brotli");
    for file in &sizes {
        println!("{:<48} {:>10} {:>10}", file.name, file.raw, file.brotli);
    }
    let mut over = Vec::new();
    for (kind, limit) in BUDGETS {
        let total: u64 = sizes.iter().filter(|f| f.kind == kind).map(|f| f.brotli).sum();
        println!("{kind:<6} {total:>8} bytes brotli, budget {limit}");
        if total > limit {
            over.push(format!("{kind} is {total} bytes after brotli, over its budget of {limit}"));
        }
    }
    let shell: u64 = sizes
        .iter()
        .filter(|f| {
            !f.name.contains('/') && ["html", "wasm", "js", "css"].contains(&f.kind.as_str())
        })
        .map(|f| f.brotli)
        .sum();
    let limit = FIRST_LOAD_IN_TWO_LANGUAGES + FIRST_LOAD_GROWTH;
    let catalogs = sizes.iter().filter(|f| f.name.starts_with("i18n/"));
    for (name, catalog) in [("en".to_owned(), 0)].into_iter().chain(catalogs.map(|f| {
        (f.name.trim_start_matches("i18n/").trim_end_matches(".json").to_owned(), f.brotli)
    })) {
        let first_load = shell + catalog;
        println!("first load in {name:<6} {first_load:>8} bytes brotli, budget {limit}");
        if first_load > limit {
            over.push(format!("a first visit in {name} downloads {first_load} bytes after brotli, over its budget of {limit}"));
        }
        if catalog > CATALOG_BUDGET {
            over.push(format!("the {name} catalog is {catalog} bytes after brotli, over its budget of {CATALOG_BUDGET}"));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "size budget: {}. Find what grew (a new dependency?) or, if it earns it, raise the budget in xtask/src/spa.rs",
            over.join("; ")
        )))
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn fingerprint() -> String {
    let mut hasher = DefaultHasher::new();
    let mut files = Vec::new();
    for input in INPUTS {
        let path = root().join(input);
        if path.is_dir() {
            let _ = collect(&path, &mut files);
        } else if path.exists() {
            files.push(path);
        }
    }
    files.sort();
    for file in files {
        file.hash(&mut hasher);
        if let Ok(meta) = fs::metadata(&file) {
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::{catalog_id, catalog_texts};

    #[test]
    fn a_catalog_ships_its_texts_in_order_with_a_place_for_each_missing_many() {
        let json = r#"{
  "sign_in": "Anmelden \"jetzt\"",
  "count.one": "{count} Techniker",
  "count.other": "{count} Techniker",
  "next": "a, b: c"
}"#;
        let (id, texts) = catalog_texts(json).unwrap();
        assert_eq!(
            texts,
            [
                r#""Anmelden \"jetzt\"""#,
                r#""{count} Techniker""#,
                r#""""#,
                r#""{count} Techniker""#,
                r#""a, b: c""#
            ]
        );
        let french = r#"{"n.one": "1", "n.many": "de", "n.other": "2"}"#;
        assert_eq!(id, catalog_id(&["sign_in", "count", "next"]), "the keys, each once");
        let french = catalog_texts(french).unwrap();
        assert_eq!(french.1, [r#""1""#, r#""de""#, r#""2""#]);
        assert_ne!(french.0, id);
        assert_eq!(catalog_texts("[1]"), None);
        assert_eq!(catalog_texts(r#"{"odd"}"#), None);
    }
}

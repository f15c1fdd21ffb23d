//! The house rules of the source tree, read from the files themselves: no import loops between
//! files, commands routed by the compiler, one write path in the store, a thin window shell.
//! A rule broken here is named with the files that break it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every .rs file under `dir`, with its text.
fn sources(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.insert(p, text);
            }
        }
    }
    out
}

/// The text without comments, string contents and the unit tests at its end (`#[cfg(test)]
/// mod …`), which may reach anywhere.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            out.push_str("\"\"");
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('"', '\''), not a lifetime.
            out.push_str("' '");
            i += if b[i + 1] == b'\\' { 4 } else { 3 };
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + len]);
            i += len;
        }
    }
    // The unit tests written inline at the end of a file.
    let mut from = 0;
    while let Some(at) = out[from..].find("#[cfg(test)]") {
        let at = from + at;
        from = at + 1;
        let after = out[at + "#[cfg(test)]".len()..].trim_start();
        let item = after.strip_prefix("pub(crate) ").unwrap_or(after);
        if let Some(m) = item.strip_prefix("mod ") {
            let head: String = m.chars().take_while(|c| *c != ';' && *c != '{').collect();
            if m[head.len()..].starts_with('{') {
                out.truncate(at);
                break;
            }
        }
    }
    out
}

/// The module path of a file: src/app/views/draft.rs → [app, views, draft].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The paths a file names with `crate::`, `super::` or `self::`, in `use` items (groups
/// expanded) and inline.
fn paths_named(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    // `use` items, groups expanded one level at a time.
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        expand(rest[..end].trim(), "", &mut out);
        rest = &rest[end..];
    }
    // Inline paths.
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            out.push(code[at..end].trim_end_matches(':').to_string());
        }
    }
    out.retain(|p| p.starts_with("crate::") || p.starts_with("super::") || p.starts_with("self::"));
    out
}

fn expand(item: &str, prefix: &str, out: &mut Vec<String>) {
    let item = item.trim();
    let Some(open) = item.find('{') else {
        let path = item.split(" as ").next().unwrap_or(item).trim();
        out.push(format!("{prefix}{path}"));
        return;
    };
    let head = &item[..open];
    let inner = &item[open + 1..item.rfind('}').unwrap_or(item.len())];
    let (mut depth, mut cur) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            expand(&cur, &format!("{prefix}{head}"), out);
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        expand(&cur, &format!("{prefix}{head}"), out);
    }
}

/// The file a path lands in: the deepest module of it that is a file.
fn file_of(
    modules: &BTreeMap<Vec<String>, PathBuf>,
    here: &[String],
    path: &str,
) -> Option<PathBuf> {
    let mut segs = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut at: Vec<String> = match segs.peek().copied() {
        Some("crate") => {
            segs.next();
            Vec::new()
        }
        Some("self") => {
            segs.next();
            here.to_vec()
        }
        _ => here.to_vec(),
    };
    while segs.peek() == Some(&"super") {
        segs.next();
        at.pop();
    }
    for s in segs {
        let mut deeper = at.clone();
        deeper.push(s.to_string());
        if modules.contains_key(&deeper) {
            at = deeper;
        } else {
            break;
        }
    }
    modules.get(&at).cloned()
}

/// File → the files it imports.
fn import_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files = sources(&src());
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .keys()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    files
        .iter()
        .filter(|(f, _)| !f.ends_with("main.rs"))
        .map(|(f, text)| {
            let here = module_of(f);
            let targets = paths_named(&code_of(text))
                .iter()
                .filter_map(|p| file_of(&modules, &here, p))
                .filter(|t| t != f)
                .collect();
            (f.clone(), targets)
        })
        .collect()
}

/// Groups of files that reach each other through their imports (Tarjan's strongly connected
/// components of more than one file).
fn loops(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct T<'g> {
        g: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on: BTreeSet<&'g PathBuf>,
        next: usize,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'g>(t: &mut T<'g>, v: &'g PathBuf) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let Some((w, _)) = t.g.get_key_value(w) else {
                continue;
            };
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut group = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                group.push(w.clone());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                t.found.push(group);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.found
}

fn shown(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| f.strip_prefix(src()).unwrap().display().to_string())
        .collect::<Vec<_>>()
        .join(" ↔ ")
}

#[test]
fn no_file_takes_part_in_an_import_loop() {
    let graph = import_graph();
    let found: Vec<String> = loops(&graph).iter().map(|g| shown(g)).collect();
    assert!(found.is_empty(), "import loops:\n{}", found.join("\n"));
}

#[test]
fn the_loop_finder_finds_a_loop() {
    // The check above is only worth its green if it sees a loop where there is one.
    let a = src().join("a.rs");
    let b = src().join("b.rs");
    let c = src().join("c.rs");
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone(), c.clone()])),
        (c.clone(), BTreeSet::new()),
    ]);
    assert_eq!(loops(&graph), vec![vec![a, b]]);
    // And it reads imports as written: a grouped `use`, `super::`, and an inline path.
    let named = paths_named(&code_of(
        "use super::{draft_form::{DraftForm, text}, widgets};\nfn f() { crate::store::Store::open(); }\n// use crate::x;\n",
    ));
    assert_eq!(
        named,
        [
            "super::draft_form::DraftForm",
            "super::draft_form::text",
            "super::widgets",
            "crate::store::Store::open"
        ]
    );
}

#[test]
fn commands_are_routed_by_the_compiler() {
    // One enum per handler, matched whole: no catch-all arm that could swallow a new command.
    for (file, text) in sources(&src().join("session")) {
        let code = code_of(&text);
        assert!(
            !code.contains("unreachable!"),
            "{}: unreachable! in the session",
            file.display()
        );
    }
}

#[test]
fn the_store_writes_through_one_place() {
    let store = src().join("store");
    for (file, text) in sources(&store) {
        let code = code_of(&text);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !matches!(name.as_str(), "audit.rs" | "write.rs") {
            assert!(
                !code.contains("append_by("),
                "{name}: audit::append_by outside the audit module and the write context"
            );
        }
        // The store keeps data and rules; PDFs are made and signed outside it.
        assert!(
            !code.contains("crate::pdf"),
            "{name}: the store imports crate::pdf"
        );
    }
}

#[test]
fn the_window_is_a_thin_shell() {
    for (file, text) in sources(&src().join("app")) {
        let lines = text.lines().count();
        assert!(
            lines < 400,
            "{}: {lines} lines (a file of the window stays under 400)",
            file.display()
        );
        // Spacing comes from the theme, defined once.
        let code = code_of(&text);
        assert!(
            !code.contains("add_space(")
                || !code
                    .split("add_space(")
                    .skip(1)
                    .any(|s| s.starts_with(|c: char| c.is_ascii_digit())),
            "{}: a literal add_space(…); use theme::SPACE_*",
            file.display()
        );
    }
}

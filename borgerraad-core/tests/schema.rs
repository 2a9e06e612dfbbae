//! The committed JSON Schemas under `schema/` must equal the generated ones.
//! Regenerate with `BORGERRAAD_BLESS=1 cargo test -p borgerraad-core --test schema`.

use borgerraad_core::schema::{generate, json_schema, NAMES};

#[test]
fn committed_schemas_are_fresh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    for name in NAMES {
        let path = dir.join(format!("{name}.schema.json"));
        let fresh = generate(name).unwrap();
        if std::env::var_os("BORGERRAAD_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale; regenerate it (see the doc comment)",
            path.display()
        );
        assert_eq!(
            json_schema(name).unwrap(),
            fresh,
            "{name}: the embedded copy is the committed file"
        );
    }
}

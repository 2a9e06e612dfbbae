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

/// The record's schema (from the serde type) and the one declaration of its
/// fields that the readers and the bindings use agree.
#[test]
fn the_record_schema_follows_the_field_declaration() {
    let schema: serde_json::Value = serde_json::from_str(json_schema("inquiry").unwrap()).unwrap();
    let mut properties: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    properties.sort();
    let mut declared: Vec<&str> = borgerraad_core::FIELDS.iter().map(|f| f.json).collect();
    declared.dedup();
    declared.sort();
    assert_eq!(properties, declared);

    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let declared_required: Vec<&str> = borgerraad_core::FIELDS
        .iter()
        .filter(|f| f.required)
        .map(|f| f.json)
        .collect();
    assert_eq!(required, declared_required);

    let dates = borgerraad_core::schema::date_keys();
    for f in borgerraad_core::FIELDS
        .iter()
        .filter(|f| f.json == f.column)
    {
        let is_date = f.kind == borgerraad_core::FieldKind::Date;
        assert_eq!(dates.contains(&f.json), is_date, "{}", f.json);
    }
}

//! Stamping a view-only PDF: every page gets a footer line and a faint diagonal mark naming
//! who it was opened for and when, drawn over the page so that a copy or a photo of the
//! screen carries them. The original's bytes are never touched: the stamped copy is a new
//! file (see `service::stamps`).
//!
//! Pure: bytes in, bytes out. The text uses PDF's standard Helvetica (no font embedded), so
//! it is written in WinAnsi; a letter that encoding lacks becomes `?`.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The largest original stamped within a request: parsing holds the whole file in memory,
/// several times over, and the HTTP API waits 30 s at most.
pub const MAX_STAMPED_BYTES: u64 = 64 * 1024 * 1024;

/// Resource names chosen not to clash with a page's own (`/F1`, `/GS0`, ...).
const FONT: &str = "PortalStampFont";
const SHADE: &str = "PortalStampShade";
const VEIL: &str = "PortalStampVeil";

/// US Letter, for a page whose size is nowhere in its page tree (a damaged file).
const LETTER: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

#[derive(Debug, PartialEq, Eq)]
pub enum StampError {
    /// Not a PDF this library reads, or one with no pages.
    Unreadable(String),
    /// Encrypted: a stamped copy would have to be written without its protection.
    Encrypted,
}

/// Whom a copy is stamped for, and when.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub name: String,
    pub email: String,
    pub at: OffsetDateTime,
}

impl Stamp {
    /// The footer line on every page.
    pub fn footer(&self) -> String {
        format!(
            "Opened view-only by {} <{}> on {} UTC",
            self.name,
            self.email,
            minute(self.at)
        )
    }

    /// The diagonal mark across every page.
    pub fn mark(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }

    /// What distinguishes one stamped copy from another of the same version: the words and
    /// the hour (a cached copy is reused within the hour it was stamped in).
    pub fn cache_tag(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(self.name.as_bytes());
        hash.update([0]);
        hash.update(self.email.as_bytes());
        let hex = crate::checksum::hex(&hash.finalize()[..8]);
        format!(
            "{:04}{:02}{:02}T{:02}-{hex}",
            self.at.year(),
            u8::from(self.at.month()),
            self.at.day(),
            self.at.hour()
        )
    }
}

fn minute(at: OffsetDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        crate::clock::utc_date(at),
        at.hour(),
        at.minute()
    )
}

/// Whether a document opened view-only is stamped: PDFs only (other files open as they are).
pub fn is_stamped(content_type: &str) -> bool {
    content_type.eq_ignore_ascii_case("application/pdf")
}

/// Whether a contact is refused a document's original and offered its stamped copy: a PDF
/// they may only view and did not upload themselves.
pub fn original_withheld(can_download: bool, content_type: &str, uploaded_by_me: bool) -> bool {
    !can_download && is_stamped(content_type) && !uploaded_by_me
}

/// Where a stamped copy lives: beside no upload (the trigger watches `matters/` only), one
/// per version, contact and hour, expired by the bucket's lifecycle.
pub fn copy_key(
    matter_id: &str,
    document_id: &str,
    version: u32,
    contact_id: &str,
    stamp: &Stamp,
) -> String {
    format!(
        "stamps/{matter_id}/{document_id}/v{version}/{contact_id}-{}.pdf",
        stamp.cache_tag()
    )
}

/// The original with the stamp drawn on every page, or why it cannot be stamped.
pub fn stamp_pdf(original: &[u8], stamp: &Stamp) -> Result<Vec<u8>, StampError> {
    let mut doc =
        Document::load_mem(original).map_err(|e| StampError::Unreadable(e.to_string()))?;
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(StampError::Encrypted);
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(StampError::Unreadable("the PDF has no pages".into()));
    }
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let shade = doc.add_object(dictionary! { "Type" => "ExtGState", "ca" => 0.18 });
    let veil = doc.add_object(dictionary! { "Type" => "ExtGState", "ca" => 0.8 });
    // Whatever state a page's own content leaves (a transform, a clip) is undone first.
    let save = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    for page in pages {
        let [x0, y0, x1, y1] = visible_box(&doc, page);
        let drawing = stamp_content(stamp, x0, y0, x1 - x0, y1 - y0)?;
        let drawn = doc.add_object(Stream::new(Dictionary::new(), drawing));
        wrap_contents(&mut doc, page, save, drawn)?;
        add_resource(&mut doc, page, "Font", FONT, font)?;
        add_resource(&mut doc, page, "ExtGState", SHADE, shade)?;
        add_resource(&mut doc, page, "ExtGState", VEIL, veil)?;
    }
    let mut out = Vec::with_capacity(original.len() + 4096);
    doc.save_to(&mut out)
        .map_err(|e| StampError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// What a viewer shows of the page: its CropBox, else its MediaBox (each inherited from the
/// page tree when the page has none), so that the stamp is never cropped out of sight.
fn visible_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    page_box(doc, page, b"CropBox")
        .or_else(|| page_box(doc, page, b"MediaBox"))
        .unwrap_or(LETTER)
}

fn page_box(doc: &Document, page: ObjectId, name: &[u8]) -> Option<[f32; 4]> {
    let mut node = doc.get_dictionary(page).ok();
    // A page tree deeper than this is a loop in a damaged file.
    for _ in 0..32 {
        let dict = node?;
        if let Ok(Object::Array(a)) = dict.get_deref(name, doc) {
            let numbers: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
            if let [x0, y0, x1, y1] = numbers[..] {
                if x1 > x0 && y1 > y0 {
                    return Some([x0, y0, x1, y1]);
                }
            }
        }
        node = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok();
    }
    None
}

/// WinAnsi bytes of `text`: Latin-1 letters as they are, anything else as `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn op(operator: &str, operands: Vec<Object>) -> Operation {
    Operation::new(operator, operands)
}

fn text(size: f32, matrix: [f32; 6], gray: f32, words: &str, operations: &mut Vec<Operation>) {
    operations.extend([
        op("BT", vec![]),
        op("Tf", vec![FONT.into(), size.into()]),
        op("g", vec![gray.into()]),
        op("Tm", matrix.iter().map(|&n| n.into()).collect()),
        op("Tj", vec![Object::string_literal(win_ansi(words))]),
        op("ET", vec![]),
    ]);
}

/// The drawing for one page: restore the page's state, a white veil under the footer line
/// (translucent: whatever the page has there still shows through, nothing is hidden),
/// then the faint diagonal mark across the middle.
fn stamp_content(
    stamp: &Stamp,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
) -> Result<Vec<u8>, StampError> {
    let footer = stamp.footer();
    // Helvetica averages about half an em a letter: shrink long lines to the page.
    let footer_size = (width - 24.0) / (footer.chars().count() as f32 * 0.52);
    let footer_size = footer_size.clamp(4.0, 8.0);
    let mark = stamp.mark();
    let diagonal = (width * width + height * height).sqrt();
    let mark_size = (diagonal * 0.8 / (mark.chars().count() as f32 * 0.55)).clamp(10.0, 48.0);
    let mark_width = mark.chars().count() as f32 * 0.55 * mark_size;
    // Along the page's diagonal, bottom left to top right.
    let (cos, sin) = (width / diagonal, height / diagonal);
    let (cx, cy) = (x + width / 2.0, y + height / 2.0);
    let start = (cx - cos * mark_width / 2.0, cy - sin * mark_width / 2.0);
    let mut operations = vec![
        op("Q", vec![]),
        op("q", vec![]),
        // The veil alone is translucent; the footer's words on it are not.
        op("q", vec![]),
        op("gs", vec![VEIL.into()]),
        op("g", vec![1.0.into()]),
        op(
            "re",
            vec![x.into(), y.into(), width.into(), (footer_size + 8.0).into()],
        ),
        op("f", vec![]),
        op("Q", vec![]),
    ];
    text(
        footer_size,
        [1.0, 0.0, 0.0, 1.0, x + 12.0, y + 4.0],
        0.2,
        &footer,
        &mut operations,
    );
    operations.push(op("gs", vec![SHADE.into()]));
    text(
        mark_size,
        [cos, sin, -sin, cos, start.0, start.1],
        0.0,
        &mark,
        &mut operations,
    );
    operations.push(op("Q", vec![]));
    Content { operations }
        .encode()
        .map_err(|e| StampError::Unreadable(e.to_string()))
}

/// The page's contents as `q`, what it had, then the stamp (which opens with `Q`).
fn wrap_contents(
    doc: &mut Document,
    page: ObjectId,
    save: ObjectId,
    drawn: ObjectId,
) -> Result<(), StampError> {
    let own: Vec<Object> = doc
        .get_page_contents(page)
        .into_iter()
        .map(Object::Reference)
        .collect();
    let mut contents = vec![Object::Reference(save)];
    contents.extend(own);
    contents.push(Object::Reference(drawn));
    let dict = doc
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(|e| StampError::Unreadable(e.to_string()))?;
    dict.set("Contents", contents);
    Ok(())
}

/// Adds `name` to the page's `kind` resources (`Font`, `ExtGState`), keeping the ones it
/// has or inherits, wherever the dictionary is held (inline or by reference).
fn add_resource(
    doc: &mut Document,
    page: ObjectId,
    kind: &str,
    name: &str,
    id: ObjectId,
) -> Result<(), StampError> {
    let unreadable = |e: lopdf::Error| StampError::Unreadable(e.to_string());
    let held_at = {
        let resources = doc
            .get_or_create_resources(page)
            .and_then(Object::as_dict_mut)
            .map_err(unreadable)?;
        match resources.get(kind.as_bytes()) {
            Ok(Object::Reference(at)) => Some(*at),
            Ok(Object::Dictionary(_)) => None,
            _ => {
                resources.set(kind, Dictionary::new());
                None
            }
        }
    };
    let dict = match held_at {
        Some(at) => doc
            .get_object_mut(at)
            .and_then(Object::as_dict_mut)
            .map_err(unreadable)?,
        None => doc
            .get_or_create_resources(page)
            .and_then(Object::as_dict_mut)
            .and_then(|r| r.get_mut(kind.as_bytes()))
            .and_then(Object::as_dict_mut)
            .map_err(unreadable)?,
    };
    dict.set(name, Object::Reference(id));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn stamp() -> Stamp {
        Stamp {
            name: "Zoë (Client) \\ Smith".into(),
            email: "zoe@client.example".into(),
            at: datetime!(2026-12-04 14:03:59 UTC),
        }
    }

    /// A PDF of `pages` pages, each with its own text in font /F1, resources held by the
    /// page tree (inherited) and the MediaBox on the tree too, as many writers do.
    fn sample_pdf(pages: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let tree = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
        });
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let kids: Vec<Object> = (1..=pages)
            .map(|n| {
                let content = Content {
                    operations: vec![
                        Operation::new("BT", vec![]),
                        Operation::new("Tf", vec!["F1".into(), 12.into()]),
                        Operation::new("Td", vec![72.into(), 700.into()]),
                        Operation::new(
                            "Tj",
                            vec![Object::string_literal(format!("Page {n} of the letter"))],
                        ),
                        Operation::new("ET", vec![]),
                    ],
                };
                let stream = doc.add_object(Stream::new(
                    Dictionary::new(),
                    content.encode().expect("encode"),
                ));
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => tree, "Contents" => stream,
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            tree,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
                "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    }

    fn page_texts(pdf: &[u8]) -> Vec<String> {
        let doc = Document::load_mem(pdf).expect("stamped copy parses");
        let pages = doc.get_pages();
        pages
            .keys()
            .map(|n| doc.extract_text(&[*n]).expect("text"))
            .collect()
    }

    #[test]
    fn every_page_carries_the_contacts_name_address_and_the_time() {
        let original = sample_pdf(3);
        let stamped = stamp_pdf(&original, &stamp()).expect("stamped");
        let texts = page_texts(&stamped);
        assert_eq!(texts.len(), 3);
        for (n, text) in texts.iter().enumerate() {
            assert!(
                text.contains(&format!("Page {} of the letter", n + 1)),
                "{text}"
            );
            assert!(
                text.contains("Opened view-only by Zoë (Client) \\ Smith <zoe@client.example> on 2026-12-04 14:03 UTC"),
                "page {}: {text}",
                n + 1
            );
        }
    }

    #[test]
    fn the_pages_own_fonts_stay_reachable_beside_the_stamps() {
        let stamped = stamp_pdf(&sample_pdf(2), &stamp()).expect("stamped");
        let doc = Document::load_mem(&stamped).expect("parses");
        for page in doc.get_pages().into_values() {
            let fonts = doc.get_page_fonts(page).expect("fonts");
            assert!(fonts.contains_key(b"F1".as_slice()), "the page's own font");
            assert!(fonts.contains_key(FONT.as_bytes()), "the stamp's font");
        }
    }

    #[test]
    fn the_footer_sits_inside_what_a_viewer_shows_of_a_cropped_page() {
        let mut doc = Document::load_mem(&sample_pdf(1)).expect("parses");
        let page = doc.get_pages()[&1];
        let crop: Vec<Object> = [50, 100, 545, 742].iter().map(|&n| n.into()).collect();
        doc.get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .expect("page")
            .set("CropBox", crop);
        let mut cropped = Vec::new();
        doc.save_to(&mut cropped).expect("save");
        let stamped =
            Document::load_mem(&stamp_pdf(&cropped, &stamp()).expect("stamped")).expect("parses");
        let page = stamped.get_pages()[&1];
        let drawn = *stamped.get_page_contents(page).last().expect("the stamp");
        let content = stamped
            .get_object(drawn)
            .and_then(Object::as_stream)
            .and_then(|s| Content::decode(&s.content))
            .expect("the stamp's operations");
        let footer_at: Vec<f32> = content
            .operations
            .iter()
            .find(|o| o.operator == "Tm")
            .expect("the footer's position")
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .collect();
        assert_eq!(
            footer_at[4..],
            [62.0, 104.0],
            "12 in from the crop's left, 4 up from its bottom"
        );
    }

    #[test]
    fn the_original_bytes_are_left_alone() {
        let original = sample_pdf(1);
        let before = original.clone();
        let stamped = stamp_pdf(&original, &stamp()).expect("stamped");
        assert_eq!(original, before);
        assert_ne!(stamped, original);
    }

    #[test]
    fn letters_outside_win_ansi_become_question_marks() {
        assert_eq!(win_ansi("Zoë 王 —"), b"Zo\xeb ? ?".to_vec());
    }

    #[test]
    fn what_is_not_a_readable_pdf_is_refused() {
        assert!(matches!(
            stamp_pdf(b"%PDF-1.7\nnot really", &stamp()),
            Err(StampError::Unreadable(_))
        ));
        assert!(matches!(
            stamp_pdf(b"hello", &stamp()),
            Err(StampError::Unreadable(_))
        ));
    }

    #[test]
    fn an_encrypted_pdf_is_refused_rather_than_written_out_unprotected() {
        let mut doc = Document::load_mem(&sample_pdf(1)).expect("parses");
        let id = Object::String(
            b"0123456789abcdef".to_vec(),
            lopdf::StringFormat::Hexadecimal,
        );
        doc.trailer.set("ID", vec![id.clone(), id]);
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: "",
            key_length: 128,
            permissions: lopdf::Permissions::PRINTABLE,
        };
        let state = lopdf::EncryptionState::try_from(version).expect("state");
        doc.encrypt(&state).expect("encrypt");
        let mut encrypted = Vec::new();
        doc.save_to(&mut encrypted).expect("save");
        assert_eq!(stamp_pdf(&encrypted, &stamp()), Err(StampError::Encrypted));
    }

    #[test]
    fn only_pdfs_are_stamped() {
        assert!(is_stamped("application/pdf"));
        assert!(is_stamped("Application/PDF"));
        assert!(!is_stamped("image/png"));
        assert!(!is_stamped(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ));
    }

    #[test]
    fn the_original_is_withheld_only_from_a_view_only_contact_of_a_firm_pdf() {
        assert!(original_withheld(false, "application/pdf", false));
        assert!(
            !original_withheld(true, "application/pdf", false),
            "may download"
        );
        assert!(
            !original_withheld(false, "application/pdf", true),
            "their own upload"
        );
        assert!(!original_withheld(false, "text/plain", false), "not a PDF");
    }

    #[test]
    fn a_copy_is_kept_per_version_contact_words_and_hour() {
        let first = stamp();
        let key = copy_key("m1", "d1", 3, "c1", &first);
        assert!(key.starts_with("stamps/m1/d1/v3/c1-20261204T14-"), "{key}");
        let later_that_hour = Stamp {
            at: datetime!(2026-12-04 14:59:00 UTC),
            ..first.clone()
        };
        assert_eq!(copy_key("m1", "d1", 3, "c1", &later_that_hour), key);
        let next_hour = Stamp {
            at: datetime!(2026-12-04 15:00:00 UTC),
            ..first.clone()
        };
        assert_ne!(copy_key("m1", "d1", 3, "c1", &next_hour), key);
        let renamed = Stamp {
            name: "Zoe Smith".into(),
            ..first.clone()
        };
        assert_ne!(copy_key("m1", "d1", 3, "c1", &renamed), key);
        assert_ne!(copy_key("m1", "d1", 4, "c1", &first), key);
    }
}

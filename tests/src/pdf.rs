//! Real PDFs for the tests that parse what the portal makes of them (stamped copies): written
//! out by hand, object by object, with a correct cross-reference table, so that a parser we
//! did not write (lopdf) reads them as any viewer would.

/// A letter of `pages` pages, page N saying "Page N of the letter" in Courier, the font and
/// page size held by the page tree (inherited, as many writers do).
pub fn letter(pages: usize) -> Vec<u8> {
    let font = 3 + 2 * pages;
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 {font} 0 R >> >> >>",
            kids.join(" ")
        ),
    ];
    for i in 0..pages {
        let text = format!(
            "BT /F1 12 Tf 72 700 Td (Page {} of the letter) Tj ET",
            i + 1
        );
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /Contents {} 0 R >>",
            4 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
    }
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".to_string());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

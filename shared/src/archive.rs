//! A ZIP archive written front to back, one piece at a time, so that documents can stream
//! from S3 into an S3 multipart upload without a whole file (or a seekable file) in memory.
//!
//! Entries are stored, not compressed: the documents a firm shares (PDF, Office, images) are
//! compressed already, and storing keeps the archive's size known before it is built (the
//! size cap is checked on that). Each entry's CRC-32 is known only after its bytes went by,
//! so entries carry a data descriptor (flag bit 3); every mainstream unzip reads the central
//! directory, which has everything. No ZIP64: the caps keep an archive under 4 GiB and
//! 65,535 entries, and [`ArchiveWriter`] refuses to go past them.

use crate::error::{Error, Result};
use std::collections::HashSet;
use time::OffsetDateTime;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0: stored entries with data descriptors.
const VERSION: u16 = 20;
/// Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8.
const FLAGS: u16 = 0x0008 | 0x0800;
const LOCAL_HEADER_LEN: u64 = 30;
const DATA_DESCRIPTOR_LEN: u64 = 16;
const CENTRAL_HEADER_LEN: u64 = 46;
const END_LEN: u64 = 22;

/// The most entries one archive holds without ZIP64.
pub const MAX_ENTRIES: usize = u16::MAX as usize;
/// The largest archive without ZIP64.
pub const MAX_BYTES: u64 = u32::MAX as u64;

/// The archive's exact size for entries of these name lengths (bytes) and sizes.
pub fn archive_size(entries: impl IntoIterator<Item = (usize, u64)>) -> u64 {
    entries.into_iter().fold(END_LEN, |total, (name, size)| {
        let name = name as u64;
        total + LOCAL_HEADER_LEN + name + size + DATA_DESCRIPTOR_LEN + CENTRAL_HEADER_LEN + name
    })
}

/// A time as MS-DOS writes it (two-second steps, from 1980, no zone): (time, date).
pub fn dos_time(at: OffsetDateTime) -> (u16, u16) {
    let at = at.to_offset(time::UtcOffset::UTC);
    if at.year() < 1980 {
        return (0, (1 << 5) | 1);
    }
    let year = (at.year().min(2107) - 1980) as u16;
    let date = (year << 9) | ((at.month() as u16) << 5) | u16::from(at.day());
    let time =
        (u16::from(at.hour()) << 11) | (u16::from(at.minute()) << 5) | (u16::from(at.second()) / 2);
    (time, date)
}

/// Entry names for documents as (folder, file name) pairs, in order: `Folder/file.pdf`, and
/// a name already taken (ignoring case, as Windows and macOS do) gets ` (2)`, ` (3)` before
/// its extension.
pub fn entry_names<'a>(
    documents: impl IntoIterator<Item = (Option<&'a str>, &'a str)>,
) -> Vec<String> {
    let mut taken = HashSet::new();
    documents
        .into_iter()
        .map(|(folder, file_name)| {
            let base = match folder {
                Some(folder) => format!("{folder}/{file_name}"),
                None => file_name.to_string(),
            };
            let (stem, extension) = match base.rfind('.') {
                Some(dot) if dot > base.rfind('/').map_or(0, |slash| slash + 1) => {
                    base.split_at(dot)
                }
                _ => (base.as_str(), ""),
            };
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{stem} ({n}){extension}");
                n += 1;
            }
            name
        })
        .collect()
}

/// What the central directory keeps of one entry.
struct Written {
    name: String,
    modified: (u16, u16),
    crc: u32,
    size: u32,
    offset: u32,
}

/// Writes an archive as a sequence of byte pieces: [`start`](Self::start) an entry, send its
/// bytes yourself, [`end`](Self::end) it with their CRC-32 and length, then
/// [`finish`](Self::finish).
#[derive(Default)]
pub struct ArchiveWriter {
    written: Vec<Written>,
    open: Option<(String, (u16, u16), u32)>,
    /// Bytes emitted so far, entry data included.
    offset: u64,
}

fn narrow(value: u64, what: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| Error::TooLarge(format!("{what} is over 4 GiB")))
}

impl ArchiveWriter {
    /// The local header of the next entry.
    pub fn start(&mut self, name: &str, modified: (u16, u16)) -> Result<Vec<u8>> {
        if self.open.is_some() {
            return Err(Error::internal(
                "an archive entry was started before the last ended",
            ));
        }
        if self.written.len() >= MAX_ENTRIES {
            return Err(Error::TooLarge(format!(
                "an archive holds at most {MAX_ENTRIES} files"
            )));
        }
        let name_len = u16::try_from(name.len())
            .map_err(|_| Error::validation("an archive entry name is too long"))?;
        let offset = narrow(self.offset, "the archive")?;
        let mut out = Vec::with_capacity(LOCAL_HEADER_LEN as usize + name.len());
        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, VERSION);
        put16(&mut out, FLAGS);
        put16(&mut out, 0); // stored
        put16(&mut out, modified.0);
        put16(&mut out, modified.1);
        put32(&mut out, 0); // CRC-32, sizes: in the data descriptor
        put32(&mut out, 0);
        put32(&mut out, 0);
        put16(&mut out, name_len);
        put16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        self.offset += out.len() as u64;
        self.open = Some((name.to_string(), modified, offset));
        Ok(out)
    }

    /// The data descriptor that ends the open entry, whose `size` bytes had CRC-32 `crc`.
    pub fn end(&mut self, crc: u32, size: u64) -> Result<Vec<u8>> {
        let (name, modified, offset) = self
            .open
            .take()
            .ok_or_else(|| Error::internal("an archive entry was ended before it started"))?;
        let size = narrow(size, "a file in the archive")?;
        self.offset += u64::from(size);
        let mut out = Vec::with_capacity(DATA_DESCRIPTOR_LEN as usize);
        put32(&mut out, DATA_DESCRIPTOR);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        self.offset += out.len() as u64;
        self.written.push(Written {
            name,
            modified,
            crc,
            size,
            offset,
        });
        Ok(out)
    }

    /// The central directory and its end record: the archive's last bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        if self.open.is_some() {
            return Err(Error::internal("an archive was finished inside an entry"));
        }
        let directory_offset = narrow(self.offset, "the archive")?;
        let mut out = Vec::new();
        for entry in &self.written {
            put32(&mut out, CENTRAL_HEADER);
            put16(&mut out, VERSION); // made by: MS-DOS, 2.0
            put16(&mut out, VERSION);
            put16(&mut out, FLAGS);
            put16(&mut out, 0);
            put16(&mut out, entry.modified.0);
            put16(&mut out, entry.modified.1);
            put32(&mut out, entry.crc);
            put32(&mut out, entry.size);
            put32(&mut out, entry.size);
            put16(&mut out, entry.name.len() as u16);
            put16(&mut out, 0); // extra
            put16(&mut out, 0); // comment
            put16(&mut out, 0); // disk
            put16(&mut out, 0); // internal attributes
            put32(&mut out, 0); // external attributes
            put32(&mut out, entry.offset);
            out.extend_from_slice(entry.name.as_bytes());
        }
        let directory_size = narrow(out.len() as u64, "the archive")?;
        narrow(self.offset + out.len() as u64 + END_LEN, "the archive")?;
        let count = self.written.len() as u16;
        put32(&mut out, END_OF_CENTRAL_DIRECTORY);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put16(&mut out, count);
        put16(&mut out, count);
        put32(&mut out, directory_size);
        put32(&mut out, directory_offset);
        put16(&mut out, 0);
        Ok(out)
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use time::macros::datetime;

    /// An archive built in memory the way the service streams one.
    fn archive(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ArchiveWriter::default();
        let mut out = Vec::new();
        for (name, bytes) in files {
            out.extend(
                writer
                    .start(name, dos_time(datetime!(2026-12-03 18:43:51 UTC)))
                    .unwrap(),
            );
            out.extend_from_slice(bytes);
            out.extend(
                writer
                    .end(crc32fast::hash(bytes), bytes.len() as u64)
                    .unwrap(),
            );
        }
        out.extend(writer.finish().unwrap());
        out
    }

    #[test]
    fn a_reader_finds_every_entry_with_its_bytes_name_and_time() {
        let files: [(&str, &[u8]); 3] = [
            ("Will.pdf", b"%PDF-1.7 will"),
            ("Évidence/Ñame ü.txt", b"utf-8 names"),
            ("empty.txt", b""),
        ];
        let bytes = archive(&files);
        assert_eq!(
            bytes.len() as u64,
            archive_size(files.iter().map(|(n, b)| (n.len(), b.len() as u64)))
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 3);
        for (name, expected) in files {
            let mut entry = zip.by_name(name).unwrap();
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(read, expected, "{name}");
            let modified = entry.last_modified().unwrap();
            assert_eq!(
                (
                    modified.year(),
                    modified.month(),
                    modified.day(),
                    modified.hour(),
                    modified.minute(),
                    modified.second()
                ),
                (2026, 12, 3, 18, 43, 50)
            );
        }
    }

    #[test]
    fn a_wrong_crc_is_caught_by_a_reader() {
        let mut writer = ArchiveWriter::default();
        let mut out = writer.start("a.txt", (0, 33)).unwrap();
        out.extend_from_slice(b"abc");
        out.extend(writer.end(crc32fast::hash(b"abd"), 3).unwrap());
        out.extend(writer.finish().unwrap());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        let mut read = Vec::new();
        assert!(zip.by_index(0).unwrap().read_to_end(&mut read).is_err());
    }

    #[test]
    fn an_empty_archive_is_just_its_end_record() {
        let bytes = ArchiveWriter::default().finish().unwrap();
        assert_eq!(bytes.len() as u64, archive_size([]));
        assert!(zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn entries_must_start_and_end_in_turn() {
        let mut writer = ArchiveWriter::default();
        assert!(writer.end(0, 0).is_err());
        writer.start("a", (0, 33)).unwrap();
        assert!(writer.start("b", (0, 33)).is_err());
        let mut open = ArchiveWriter::default();
        open.start("a", (0, 33)).unwrap();
        assert!(open.finish().is_err());
        let mut huge = ArchiveWriter::default();
        huge.start("a", (0, 33)).unwrap();
        assert!(matches!(
            huge.end(0, MAX_BYTES + 1),
            Err(Error::TooLarge(_))
        ));
    }

    #[test]
    fn names_get_their_folder_and_a_number_when_taken() {
        let names = entry_names([
            (None, "Will.pdf"),
            (None, "will.PDF"),
            (Some("Court"), "Will.pdf"),
            (Some("Court"), "Will.pdf"),
            (None, "README"),
            (None, "README"),
            (Some("v1.2"), "notes"),
            (Some("v1.2"), "notes"),
        ]);
        assert_eq!(
            names,
            [
                "Will.pdf",
                "will (2).PDF",
                "Court/Will.pdf",
                "Court/Will (2).pdf",
                "README",
                "README (2)",
                "v1.2/notes",
                "v1.2/notes (2)",
            ]
        );
    }

    #[test]
    fn dos_times_count_from_1980_in_two_second_steps() {
        assert_eq!(dos_time(datetime!(1980-01-01 00:00:00 UTC)), (0, 33));
        assert_eq!(dos_time(datetime!(1970-01-01 00:00:00 UTC)), (0, 33));
        let (time, date) = dos_time(datetime!(2026-12-03 18:43:51 +01:00));
        assert_eq!((date >> 9, (date >> 5) & 15, date & 31), (46, 12, 3));
        assert_eq!(
            (time >> 11, (time >> 5) & 63, (time & 31) * 2),
            (17, 43, 50)
        );
    }
}

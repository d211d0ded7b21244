//! The regional emblem shown at the left of the letterhead. Type is decided by the file's
//! content, not its name; size and dimensions are bounded so a letterhead stays printable.

use crate::store::{named_params, Connection, OptionalExtension};
use base64::Engine as _;
use serde::Serialize;

use crate::error::{Error, Result};

pub const MAX_EMBLEM_BYTES: usize = 1024 * 1024;
const MIN_SIDE: usize = 32;
const MAX_SIDE: usize = 4000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emblem {
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// What the UI shows: the picture as a `data:` URL (allowed by the CSP for images only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmblemView {
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub size_bytes: usize,
    pub data_url: String,
}

fn invalid(code: &'static str, message: impl Into<String>) -> Error {
    Error::invalid("emblem", code, message)
}

impl Emblem {
    /// Checks that `bytes` is a PNG or JPEG picture of a sensible size.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        if bytes.len() > MAX_EMBLEM_BYTES {
            return Err(invalid(
                "emblem.too_large",
                format!(
                    "Berkas lambang terlalu besar (paling besar {} KB).",
                    MAX_EMBLEM_BYTES / 1024
                ),
            ));
        }
        let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return Err(invalid(
                "emblem.not_image",
                "Berkas lambang bukan gambar PNG atau JPEG (isi berkas diperiksa, bukan namanya).",
            ));
        };
        let size = imagesize::blob_size(&bytes)
            .map_err(|_| invalid("emblem.corrupt", "Berkas lambang rusak atau tidak lengkap."))?;
        if size.width < MIN_SIDE
            || size.height < MIN_SIDE
            || size.width > MAX_SIDE
            || size.height > MAX_SIDE
        {
            return Err(invalid(
                "emblem.bad_dimensions",
                format!(
                    "Ukuran gambar lambang {}×{} piksel; harus antara {MIN_SIDE} dan {MAX_SIDE} piksel per sisi.",
                    size.width, size.height
                ),
            ));
        }
        Ok(Emblem {
            mime,
            width: size.width as u32,
            height: size.height as u32,
            bytes,
        })
    }

    /// Reads the `data:` URL (or bare base64) the UI sends back.
    pub fn from_data_url(text: &str) -> Result<Self> {
        if text.len() > MAX_EMBLEM_BYTES * 2 {
            return Err(invalid("emblem.too_large", "Berkas lambang terlalu besar."));
        }
        let payload = match text.split_once(";base64,") {
            Some((_, data)) => data,
            None => text,
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(payload.trim())
            .map_err(|_| invalid("emblem.corrupt", "Data gambar lambang rusak."))?;
        Self::from_bytes(bytes)
    }

    pub fn view(&self) -> EmblemView {
        EmblemView {
            mime: self.mime.to_owned(),
            width: self.width,
            height: self.height,
            size_bytes: self.bytes.len(),
            data_url: format!(
                "data:{};base64,{}",
                self.mime,
                base64::engine::general_purpose::STANDARD.encode(&self.bytes)
            ),
        }
    }
}

/// Stores the picture once; saving the same picture again returns the existing row.
pub fn store(conn: &Connection, emblem: &Emblem) -> Result<i64> {
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM images WHERE bytes = :bytes")?
        .query_row(named_params! { ":bytes": emblem.bytes }, |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO images (mime, width, height, bytes) VALUES (:mime, :width, :height, :bytes)",
    )?
    .execute(named_params! {
        ":mime": emblem.mime, ":width": emblem.width, ":height": emblem.height, ":bytes": emblem.bytes,
    })?;
    Ok(conn.last_insert_id()?)
}

pub fn load(conn: &Connection, id: i64) -> Result<Emblem> {
    let bytes: Vec<u8> = conn
        .prepare_cached("SELECT bytes FROM images WHERE id = :id")?
        .query_row(named_params! { ":id": id }, |row| row.get(0))?;
    Emblem::from_bytes(bytes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid PNG of `side`×`side` pixels (one grey channel, unfiltered, stored zlib).
    pub fn png(side: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let mut crc_input = kind.to_vec();
            crc_input.extend(data);
            out.extend(&crc_input);
            out.extend(crc32(&crc_input).to_be_bytes());
        }
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = 0xFFFF_FFFFu32;
            for &byte in data {
                crc ^= byte as u32;
                for _ in 0..8 {
                    crc = if crc & 1 != 0 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let mut raw = Vec::new();
        for _ in 0..side {
            raw.push(0u8);
            raw.extend(std::iter::repeat_n(0x80u8, side as usize));
        }
        let mut zlib = vec![0x78, 0x01];
        let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
        for (i, block) in blocks.iter().enumerate() {
            zlib.push(u8::from(i + 1 == blocks.len()));
            zlib.extend((block.len() as u16).to_le_bytes());
            zlib.extend((!(block.len() as u16)).to_le_bytes());
            zlib.extend(*block);
        }
        let (mut a, mut b) = (1u32, 0u32);
        for &byte in &raw {
            a = (a + byte as u32) % 65_521;
            b = (b + a) % 65_521;
        }
        zlib.extend(((b << 16) | a).to_be_bytes());
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = side.to_be_bytes().to_vec();
        ihdr.extend(side.to_be_bytes());
        ihdr.extend([8, 0, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"IDAT", &zlib);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn accepts_png_and_refuses_impostors() {
        let emblem = Emblem::from_bytes(png(64)).unwrap();
        assert_eq!(
            (emblem.mime, emblem.width, emblem.height),
            ("image/png", 64, 64)
        );
        let again = Emblem::from_data_url(&emblem.view().data_url).unwrap();
        assert_eq!(again, emblem);

        let pdf_named_png = b"%PDF-1.7\n1 0 obj".to_vec();
        assert_eq!(
            Emblem::from_bytes(pdf_named_png).unwrap_err().code(),
            "emblem.not_image"
        );
        assert_eq!(
            Emblem::from_bytes(png(64)[..20].to_vec())
                .unwrap_err()
                .code(),
            "emblem.corrupt"
        );
        assert_eq!(
            Emblem::from_bytes(png(16)).unwrap_err().code(),
            "emblem.bad_dimensions"
        );
        let mut big = png(64);
        big.resize(MAX_EMBLEM_BYTES + 1, 0);
        assert_eq!(
            Emblem::from_bytes(big).unwrap_err().code(),
            "emblem.too_large"
        );
        assert_eq!(
            Emblem::from_data_url("data:image/png;base64,%%%")
                .unwrap_err()
                .code(),
            "emblem.corrupt"
        );
    }

    #[test]
    fn the_same_picture_is_stored_once() {
        let conn = crate::store::open_in_memory().unwrap();
        let emblem = Emblem::from_bytes(png(40)).unwrap();
        let first = store(&conn, &emblem).unwrap();
        assert_eq!(store(&conn, &emblem).unwrap(), first);
        assert_eq!(load(&conn, first).unwrap(), emblem);
    }
}

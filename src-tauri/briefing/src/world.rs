//! The typst `World` a briefing is compiled in: the template, the data file
//! and the fonts shipped with the program, and nothing else. Every other
//! path is refused, there are no packages, and `today()` is unknown (dates
//! travel in the data), so the output depends on the snapshot alone.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

pub const TEMPLATE_PATH: &str = "/briefing.typ";
pub const DATA_PATH: &str = "/data.json";
const TEMPLATE: &str = include_str!("../template/briefing.typ");

/// Noto Sans with bold and italics, plus the scripts and symbols a note may
/// hold (Arabic, Canadian Aboriginal syllabics, symbols), and last the
/// replacement font, which draws any other character as � while the PDF
/// keeps the character itself (`scripts/make_replacement_font.py`);
/// OFL-licensed, see `fonts/OFL.txt`.
const FONT_FILES: [&[u8]; 11] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoSansCanadianAboriginal-Regular.ttf"),
    include_bytes!("../fonts/NotoSansCanadianAboriginal-Bold.ttf"),
    include_bytes!("../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../fonts/FollowthroughReplacement-Regular.ttf"),
];

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            // `pdf.header-cell`, which marks a table's row headers for
            // assistive technology, is behind typst's a11y-extras flag.
            library: LazyHash::new(
                Library::builder()
                    .with_features([Feature::A11yExtras].into_iter().collect())
                    .build(),
            ),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// Whether a shipped font can draw `c`.
pub fn covered(c: char) -> bool {
    shared()
        .fonts
        .iter()
        .any(|f| f.info().coverage.contains(c as u32))
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a fixed, valid path"),
    )
    .intern()
}

pub struct BriefingWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl BriefingWorld {
    pub fn new(data_json: String) -> Self {
        BriefingWorld {
            main: Source::new(file_id(TEMPLATE_PATH), TEMPLATE.to_owned()),
            data_id: file_id(DATA_PATH),
            data: Bytes::from_string(data_json),
        }
    }
}

impl World for BriefingWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

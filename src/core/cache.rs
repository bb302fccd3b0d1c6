//! The load cache: the parsed articles of a folder, kept on disk under the XDG cache dir, so a
//! later load of the same folder takes each unchanged file's article as it was instead of
//! reading and parsing the file again (issue 6: a warm load of 10k files at >= 150 MB/s).
//!
//! One cache file per folder named on the command line (and per load options), written whole
//! to a temporary file and renamed over the old one, so a reader sees the old or the new file,
//! never a half-written one. A file's record is used only when the file's key (size, mtime,
//! ctime, inode, device) is the one recorded, and the record's checksum and structure are
//! right; anything else (no cache, another dossier build, a truncated or corrupt file, a
//! changed file) only means the file is read and parsed as without a cache.
//!
//! Layout of a cache file (integers little-endian):
//! - header: `MAGIC`, then the fingerprint (length-prefixed: format version, dossier version,
//!   the executable's size and mtime, the load options, the folder's canonical path), then the
//!   record count, the index offset and the CRC-32 of the index;
//! - records, one per cached file, in walk order: the file's path relative to the folder
//!   (length-prefixed), then [`Article::write_cached`]'s bytes;
//! - the index: `INDEX_ENTRY` bytes per record: the relative path's hash, the file key's hash,
//!   the record's offset, length and CRC-32.
//!
//! Written by hand: no crate does "a keyed store of opaque records, validated on read, replaced
//! atomically" without a database, and the records themselves are the article's own bytes.

use std::collections::HashMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::core::article::Article;
use crate::core::load::LoadOptions;

const MAGIC: &[u8; 8] = b"DOSSIERC";

/// Bumped whenever the file layout or a record's meaning changes.
const FORMAT_VERSION: u32 = 1;

/// Bytes of one index entry: path hash, key hash, offset (u64 each), length, CRC-32 (u32 each).
const INDEX_ENTRY: usize = 32;

/// Folders with fewer article files than this are not cached: parsing them takes well under a
/// millisecond, and a cache file per small folder (every test's temporary folder) is clutter.
pub const MIN_CACHED_FILES: usize = 200;

/// Cache files kept in the cache dir, and the most bytes they take beyond the newest one; the
/// least recently written go first.
const KEPT_CACHE_FILES: usize = 32;
const KEPT_CACHE_BYTES: u64 = 1 << 30;

/// How long a file must have been left alone before its article is cached. A file changed
/// again within the same timestamp tick as the change we read would keep its key; a file
/// whose ctime is this old cannot be in that tick (coarse clocks tick in milliseconds, FAT's
/// mtime in 2 s).
const SETTLED: Duration = Duration::from_secs(3);

/// Where dossier's load caches live: `$XDG_CACHE_HOME/dossier/loads` (or the platform's
/// equivalent).
pub fn default_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::choose_base_strategy().ok()?;
    Some(dirs.cache_dir().join("dossier").join("loads"))
}

/// What identifies one version of a file's content without reading it: the same on a later
/// load means the file was not changed (ctime moves on every write, rename and chmod).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FileKey {
    size: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
    inode: u64,
    device: u64,
}

impl FileKey {
    pub(crate) fn of(stat: &rustix::fs::Stat) -> FileKey {
        // The casts widen the platform's `stat` field types; none loses bits on Linux.
        #[allow(clippy::unnecessary_cast)]
        FileKey {
            size: stat.st_size as u64,
            mtime: (stat.st_mtime as i64, stat.st_mtime_nsec as u32),
            ctime: (stat.st_ctime as i64, stat.st_ctime_nsec as u32),
            inode: stat.st_ino as u64,
            device: stat.st_dev as u64,
        }
    }

    fn hash64(&self) -> u64 {
        hash64(self)
    }

    /// Neither the content nor the inode changed within `SETTLED` before `now`.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(UNIX_EPOCH) else {
            return false;
        };
        let limit = now.saturating_sub(SETTLED);
        let before = |(secs, nanos): (i64, u32)| {
            u64::try_from(secs)
                .is_ok_and(|secs| Duration::new(secs, nanos.min(999_999_999)) < limit)
        };
        before(self.mtime) && before(self.ctime)
    }
}

/// A stable 64-bit hash (SipHash with fixed keys): what the index stores for paths and keys.
/// The fingerprint changes with every build, so the algorithm may too.
fn hash64(value: &impl Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn path_hash(relative: &[u8]) -> u64 {
    hash64(&relative)
}

/// One folder's cache, as found when the load starts, and where its new version goes.
pub(crate) struct FolderCache {
    /// The folder as the command line spells it: walked paths start with it.
    root: PathBuf,
    /// The cache file for this folder and these options.
    target: PathBuf,
    fingerprint: Vec<u8>,
    /// The cache file found, when its header, fingerprint and index were right.
    found: Option<Found>,
}

struct Found {
    file: File,
    /// Record number by relative-path hash.
    by_path: HashMap<u64, u32>,
    /// The index as stored.
    index: Vec<u8>,
}

/// One index entry, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    path_hash: u64,
    key_hash: u64,
    offset: u64,
    len: u32,
    crc: u32,
}

impl Entry {
    fn read(bytes: &[u8]) -> Option<Entry> {
        let u64_at = |at: usize| -> Option<u64> {
            Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
        };
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        Some(Entry {
            path_hash: u64_at(0)?,
            key_hash: u64_at(8)?,
            offset: u64_at(16)?,
            len: u32_at(24)?,
            crc: u32_at(28)?,
        })
    }

    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(&self.path_hash.to_le_bytes())?;
        out.write_all(&self.key_hash.to_le_bytes())?;
        out.write_all(&self.offset.to_le_bytes())?;
        out.write_all(&self.len.to_le_bytes())?;
        out.write_all(&self.crc.to_le_bytes())
    }
}

/// Records read at once by a loading thread (see [`FolderCache::read_window`]). Belongs to
/// one folder's cache: the caller keeps the folder with it.
#[derive(Default)]
pub(crate) struct RecordWindow {
    start: u64,
    bytes: Vec<u8>,
}

impl RecordWindow {
    fn get(&self, entry: &Entry) -> Option<&[u8]> {
        let from = usize::try_from(entry.offset.checked_sub(self.start)?).ok()?;
        let len = usize::try_from(entry.len).ok()?;
        self.bytes.get(from..from.checked_add(len)?)
    }

    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
    }
}

/// A cached article found for a file, and its record number (to copy it on a rewrite).
pub(crate) struct Hit {
    pub article: Article,
    pub record: u32,
}

impl FolderCache {
    /// The cache of folder `root` in `dir` for `options`, read if there is a valid one. `None`
    /// when the folder cannot be cached at all (no canonical path, no executable to
    /// fingerprint).
    pub(crate) fn open(dir: &Path, root: &Path, options: &LoadOptions) -> Option<FolderCache> {
        let canonical = std::fs::canonicalize(root).ok()?;
        let fingerprint = fingerprint(&canonical, options)?;
        let name = format!(
            "{:016x}.cache",
            hash64(&fingerprint_name(&canonical, options))
        );
        let target = dir.join(name);
        let found = File::open(&target)
            .ok()
            .and_then(|file| read_found(file, &fingerprint));
        Some(FolderCache {
            root: root.to_path_buf(),
            target,
            fingerprint,
            found,
        })
    }

    /// The path of `path` (a file the walk found under this folder) relative to the folder.
    pub(crate) fn relative<'p>(&self, path: &'p Path) -> Option<&'p [u8]> {
        Some(path.strip_prefix(&self.root).ok()?.as_os_str().as_bytes())
    }

    /// Where the record of the file at `relative` lies in the cache file, if there is one.
    pub(crate) fn record_span(&self, relative: &[u8]) -> Option<Range<u64>> {
        let found = self.found.as_ref()?;
        let entry = found.entry(*found.by_path.get(&path_hash(relative))?)?;
        Some(entry.offset..entry.offset + u64::from(entry.len))
    }

    /// Read `span` of the cache file into `window`: the records of several files at once (the
    /// files a loading thread takes together are neighbours in the walk, so in the cache).
    pub(crate) fn read_window(&self, span: Range<u64>, window: &mut RecordWindow) -> bool {
        window.bytes.clear();
        let Some(found) = &self.found else {
            return false;
        };
        let Ok(len) = usize::try_from(span.end.saturating_sub(span.start)) else {
            return false;
        };
        window.bytes.resize(len, 0);
        let read = found
            .file
            .read_exact_at(&mut window.bytes, span.start)
            .is_ok();
        if !read {
            window.bytes.clear();
        }
        window.start = span.start;
        read
    }

    /// The cached article of the file at `relative` (spelled `origin` by this load), when its
    /// key is `key` and its record is sound. The record is taken from `window` when it holds
    /// it, else read into `scratch`.
    pub(crate) fn lookup(
        &self,
        relative: &[u8],
        key: &FileKey,
        origin: &str,
        window: &RecordWindow,
        scratch: &mut Vec<u8>,
    ) -> Option<Hit> {
        let found = self.found.as_ref()?;
        let &record = found.by_path.get(&path_hash(relative))?;
        let entry = found.entry(record)?;
        if entry.key_hash != key.hash64() {
            return None;
        }
        let bytes = match window.get(&entry) {
            Some(bytes) => (crc32fast::hash(bytes) == entry.crc).then_some(bytes)?,
            None => found.read_record(&entry, scratch)?,
        };
        let (stored_path, article_bytes) = split_record(bytes)?;
        if stored_path != relative {
            return None;
        }
        let article = Article::read_cached(article_bytes, origin)?;
        Some(Hit { article, record })
    }
}

impl Found {
    fn entry(&self, record: u32) -> Option<Entry> {
        let at = usize::try_from(record).ok()?.checked_mul(INDEX_ENTRY)?;
        Entry::read(self.index.get(at..at + INDEX_ENTRY)?)
    }

    fn records(&self) -> usize {
        self.index.len() / INDEX_ENTRY
    }

    /// The record's bytes, read into `scratch`, when its checksum is right.
    fn read_record<'s>(&self, entry: &Entry, scratch: &'s mut Vec<u8>) -> Option<&'s [u8]> {
        let len = usize::try_from(entry.len).ok()?;
        scratch.clear();
        scratch.resize(len, 0);
        self.file.read_exact_at(scratch, entry.offset).ok()?;
        (crc32fast::hash(scratch) == entry.crc).then_some(scratch.as_slice())
    }
}

/// A record's stored relative path, and the article's bytes after it.
fn split_record(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let len_bytes = bytes.get(..4)?;
    let len = usize::try_from(u32::from_le_bytes(len_bytes.try_into().ok()?)).ok()?;
    let path = bytes.get(4..4 + len)?;
    Some((path, bytes.get(4 + len..)?))
}

/// What makes a cache file valid for this build, this folder and these options.
fn fingerprint(canonical: &Path, options: &LoadOptions) -> Option<Vec<u8>> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    let mut out = Vec::new();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    out.push(0);
    out.extend_from_slice(&meta.len().to_le_bytes());
    out.extend_from_slice(&modified.as_nanos().to_le_bytes());
    out.extend_from_slice(&fingerprint_name(canonical, options));
    Some(out)
}

/// The part of the fingerprint that names the cache file: folder and options, not the build,
/// so a new build replaces its folder's old cache file instead of adding one.
fn fingerprint_name(canonical: &Path, options: &LoadOptions) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&options.max_file_size.to_le_bytes());
    out.push(u8::from(options.dates));
    out.extend_from_slice(canonical.as_os_str().as_bytes());
    out
}

/// Header: magic, fingerprint length (u32) and bytes, record count, index offset (u64 each),
/// index CRC-32 (u32).
fn read_found(mut file: File, fingerprint: &[u8]) -> Option<Found> {
    let mut head = vec![0; MAGIC.len() + 4 + fingerprint.len() + 8 + 8 + 4];
    file.read_exact(&mut head).ok()?;
    if expected_header_prefix(fingerprint) != head.get(..MAGIC.len() + 4 + fingerprint.len())? {
        return None;
    }
    let rest = head.get(MAGIC.len() + 4 + fingerprint.len()..)?;
    let count = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
    let index_offset = u64::from_le_bytes(rest.get(8..16)?.try_into().ok()?);
    let index_crc = u32::from_le_bytes(rest.get(16..20)?.try_into().ok()?);
    let index_len = usize::try_from(count).ok()?.checked_mul(INDEX_ENTRY)?;
    let file_len = file.metadata().ok()?.len();
    if index_offset.checked_add(u64::try_from(index_len).ok()?)? != file_len {
        return None;
    }
    let mut index = vec![0; index_len];
    file.seek(SeekFrom::Start(index_offset)).ok()?;
    file.read_exact(&mut index).ok()?;
    if crc32fast::hash(&index) != index_crc {
        return None;
    }
    let records_start = u64::try_from(head.len()).ok()?;
    let mut by_path = HashMap::with_capacity(index.len() / INDEX_ENTRY);
    for (record, bytes) in index.chunks_exact(INDEX_ENTRY).enumerate() {
        let entry = Entry::read(bytes)?;
        // Each record lies between the header and the index: a crafted length cannot make a
        // lookup allocate more than the file holds.
        let end = entry.offset.checked_add(u64::from(entry.len))?;
        if entry.offset < records_start || end > index_offset {
            return None;
        }
        // Two paths with one hash: the second is simply not cached.
        by_path
            .entry(entry.path_hash)
            .or_insert(u32::try_from(record).ok()?);
    }
    Some(Found {
        file,
        by_path,
        index,
    })
}

fn expected_header_prefix(fingerprint: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + fingerprint.len());
    out.extend_from_slice(MAGIC);
    let len = u32::try_from(fingerprint.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(fingerprint);
    out
}

/// How one loaded file relates to its folder's cache.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Caching {
    /// Not under a cached folder (seeds, stdin, explicit files, problems).
    None,
    /// Taken from record `record` of folder `folder`'s cache.
    Hit { folder: u32, record: u32 },
    /// Read and parsed; `key` when the file could be looked at (the record may then be written).
    Fresh { folder: u32, key: Option<FileKey> },
}

/// Writes one folder's new cache file while the load hands its articles over in order. While
/// every article so far came from the old cache, nothing is written: a load that changes
/// nothing writes nothing. At the first other one, the records so far are copied from the old
/// file and the rest follow as they come.
pub(crate) struct FolderWriter {
    /// Records of the old cache taken so far, while nothing was written yet.
    hits: Vec<u32>,
    writing: Option<Writing>,
    /// Articles seen under this folder (cached or not).
    seen: usize,
    failed: bool,
    started: SystemTime,
    /// Reused per record.
    record: Vec<u8>,
}

struct Writing {
    records: BufWriter<File>,
    /// The index, kept in a second temporary file so it costs no memory on a 100k load.
    index: BufWriter<File>,
    temp: PathBuf,
    index_temp: PathBuf,
    offset: u64,
    header_len: u64,
    count: u64,
    index_crc: crc32fast::Hasher,
}

impl FolderWriter {
    pub(crate) fn new(started: SystemTime) -> FolderWriter {
        FolderWriter {
            hits: Vec::new(),
            writing: None,
            seen: 0,
            failed: false,
            started,
            record: Vec::new(),
        }
    }

    /// The next article of this folder in load order, with how it was loaded.
    pub(crate) fn add(&mut self, cache: &FolderCache, article: &Article, caching: Caching) {
        self.seen += 1;
        if self.failed {
            return;
        }
        let done = match caching {
            Caching::None => Some(()),
            Caching::Hit { record, .. } => {
                if self.writing.is_none() {
                    self.hits.push(record);
                    Some(())
                } else {
                    self.copy_record(cache, record)
                }
            }
            Caching::Fresh { key, .. } => self.fresh(cache, article, key),
        };
        if done.is_none() {
            self.fail();
        }
    }

    /// A parsed article: its record is written when the file had settled and the article can
    /// be cached; the writing starts with the first such record.
    fn fresh(
        &mut self,
        cache: &FolderCache,
        article: &Article,
        key: Option<FileKey>,
    ) -> Option<()> {
        let Some(key) = key.filter(|key| key.settled(self.started)) else {
            return Some(());
        };
        let origin = article.origin().to_string();
        let Some(relative) = cache.relative(Path::new(&origin)) else {
            return Some(());
        };
        let mut record = std::mem::take(&mut self.record);
        record.clear();
        let len = u32::try_from(relative.len()).ok()?;
        record.extend_from_slice(&len.to_le_bytes());
        record.extend_from_slice(relative);
        let result = if article.write_cached(&mut record) {
            if self.writing.is_none() {
                self.start(cache)?;
            }
            self.writing
                .as_mut()?
                .append(path_hash(relative), key.hash64(), &record)
        } else {
            Some(())
        };
        self.record = record;
        result
    }

    /// Start the new file, with every record taken from the old cache so far.
    fn start(&mut self, cache: &FolderCache) -> Option<()> {
        self.writing = Some(Writing::create(cache)?);
        for record in std::mem::take(&mut self.hits) {
            self.copy_record(cache, record)?;
        }
        Some(())
    }

    fn copy_record(&mut self, cache: &FolderCache, record: u32) -> Option<()> {
        let found = cache.found.as_ref()?;
        let entry = found.entry(record)?;
        let mut bytes = std::mem::take(&mut self.record);
        let read = found.read_record(&entry, &mut bytes).is_some();
        let result = if read {
            self.writing
                .as_mut()?
                .append(entry.path_hash, entry.key_hash, &bytes)
        } else {
            Some(())
        };
        self.record = bytes;
        result
    }

    fn fail(&mut self) {
        self.failed = true;
        if let Some(writing) = self.writing.take() {
            writing.discard();
        }
    }

    /// The load is over: put the new cache file in place when something changed. Errors only
    /// mean no cache: they are not the user's problem.
    pub(crate) fn finish(mut self, cache: &FolderCache) {
        if self.failed || self.seen < MIN_CACHED_FILES {
            if let Some(writing) = self.writing.take() {
                writing.discard();
            }
            return;
        }
        let unchanged = cache
            .found
            .as_ref()
            .is_some_and(|found| found.records() == self.hits.len());
        if self.writing.is_none() && unchanged {
            // Used: it stays among the most recent for `evict_old`.
            if let Some(found) = &cache.found {
                let _ = found.file.set_modified(SystemTime::now());
            }
            return;
        }
        if self.writing.is_none() && self.start(cache).is_none() {
            self.fail();
            return;
        }
        if let Some(writing) = self.writing.take() {
            if writing.commit(cache).is_none() {
                return;
            }
            evict_old(cache.target.parent());
        }
    }

    /// Stop without writing (a load stopped half-way).
    pub(crate) fn abandon(mut self) {
        if let Some(writing) = self.writing.take() {
            writing.discard();
        }
    }
}

impl Writing {
    fn create(cache: &FolderCache) -> Option<Writing> {
        let dir = cache.target.parent()?;
        create_private_dir(dir)?;
        let unique = format!(
            ".{}.{}.{:x}",
            std::process::id(),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
            hash64(&cache.target),
        );
        let temp = cache.target.with_extension(format!("tmp{unique}"));
        let index_temp = cache.target.with_extension(format!("idx{unique}"));
        let records = create_private_file(&temp)?;
        let index = match create_private_file(&index_temp) {
            Some(index) => index,
            None => {
                let _ = std::fs::remove_file(&temp);
                return None;
            }
        };
        let mut writing = Writing {
            records: BufWriter::with_capacity(256 * 1024, records),
            index: BufWriter::with_capacity(64 * 1024, index),
            temp,
            index_temp,
            offset: 0,
            header_len: 0,
            count: 0,
            index_crc: crc32fast::Hasher::new(),
        };
        // The header's counts are written last, in place: a file cut short has a wrong index
        // offset or CRC and is never believed.
        let mut header = expected_header_prefix(&cache.fingerprint);
        header.extend_from_slice(&[0; 20]);
        if writing.records.write_all(&header).is_err() {
            writing.discard();
            return None;
        }
        writing.header_len = header.len() as u64;
        writing.offset = writing.header_len;
        Some(writing)
    }

    fn append(&mut self, path_hash: u64, key_hash: u64, record: &[u8]) -> Option<()> {
        let entry = Entry {
            path_hash,
            key_hash,
            offset: self.offset,
            len: u32::try_from(record.len()).ok()?,
            crc: crc32fast::hash(record),
        };
        self.records.write_all(record).ok()?;
        let mut bytes = [0; INDEX_ENTRY];
        entry.write(&mut &mut bytes[..]).ok()?;
        self.index.write_all(&bytes).ok()?;
        self.index_crc.update(&bytes);
        self.offset += record.len() as u64;
        self.count += 1;
        Some(())
    }

    /// Append the index, fill in the header and rename the file into place.
    fn commit(self, cache: &FolderCache) -> Option<()> {
        let Writing {
            records,
            index,
            temp,
            index_temp,
            offset,
            header_len,
            count,
            index_crc,
        } = self;
        let written = (|| -> std::io::Result<()> {
            let mut records = records.into_inner().map_err(|err| err.into_error())?;
            let mut index = index.into_inner().map_err(|err| err.into_error())?;
            index.seek(SeekFrom::Start(0))?;
            records.seek(SeekFrom::Start(offset))?;
            std::io::copy(&mut index, &mut records)?;
            let mut counts = Vec::with_capacity(20);
            counts.extend_from_slice(&count.to_le_bytes());
            counts.extend_from_slice(&offset.to_le_bytes());
            counts.extend_from_slice(&index_crc.finalize().to_le_bytes());
            records.write_all_at(&counts, header_len - 20)?;
            std::fs::rename(&temp, &cache.target)
        })();
        let _ = std::fs::remove_file(&index_temp);
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
            return None;
        }
        Some(())
    }

    fn discard(self) {
        let _ = std::fs::remove_file(&self.temp);
        let _ = std::fs::remove_file(&self.index_temp);
    }
}

/// The cache dir, created readable by the user alone (article text is private).
fn create_private_dir(dir: &Path) -> Option<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .ok()
}

/// A new file readable by the user alone.
fn create_private_file(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .ok()
}

/// Keep the `KEPT_CACHE_FILES` most recently written cache files of `dir`, within
/// `KEPT_CACHE_BYTES` past the newest; remove temporary files abandoned long ago.
fn evict_old(dir: Option<&Path>) {
    let Some(dir) = dir else { return };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    let mut caches: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some((modified, size)) = entry
            .metadata()
            .ok()
            .and_then(|meta| Some((meta.modified().ok()?, meta.len())))
        else {
            continue;
        };
        let is_cache = path.extension().is_some_and(|ext| ext == "cache");
        // A temporary file left by a dossier that died while writing.
        let abandoned = !is_cache
            && now
                .duration_since(modified)
                .is_ok_and(|age| age > Duration::from_secs(3600));
        if abandoned {
            let _ = std::fs::remove_file(&path);
        } else if is_cache {
            caches.push((modified, size, path));
        }
    }
    caches.sort_by_key(|(modified, _, _)| std::cmp::Reverse(*modified));
    let mut kept_bytes = 0u64;
    for (rank, (_, size, path)) in caches.iter().enumerate() {
        if rank > 0 {
            kept_bytes = kept_bytes.saturating_add(*size);
        }
        if rank >= KEPT_CACHE_FILES || kept_bytes > KEPT_CACHE_BYTES {
            let _ = std::fs::remove_file(path);
        }
    }
}

//! Opening a finished document or a scan in the application the PC uses for its kind (the
//! PDF reader, the photo viewer), where staff read and print it.

use std::path::Path;

/// Why the document did not open.
#[derive(Debug, PartialEq, Eq)]
pub enum ViewerError {
    /// No application on this PC opens files of this kind.
    NoApplication,
    /// The system refused, in its own words.
    Failed(String),
}

/// Opens `path` as a double click in Explorer would (ShellExecute's "open"): the application
/// Windows has chosen for the kind, or Windows' own "open with" choice where there is none;
/// what cannot be opened at all is reported.
#[cfg(windows)]
pub fn open(path: &Path) -> Result<(), ViewerError> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::System::Com::{
        CoInitializeEx, CoUninitialize, COINIT_APARTMENTTHREADED, COINIT_DISABLE_OLE1DDE,
    };
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;

    let wide = |text: &std::ffi::OsStr| -> Vec<u16> { text.encode_wide().chain([0]).collect() };
    let (verb, file) = (wide("open".as_ref()), wide(path.as_os_str()));
    // Shell extensions that open a file may be COM objects; Microsoft asks callers on other
    // threads than the window's (ours) to initialise COM first.
    // SAFETY: plain calls with NUL-terminated UTF-16 strings that outlive them; COM is
    // uninitialised only when this call initialised it.
    let result = unsafe {
        let initialised = CoInitializeEx(
            std::ptr::null(),
            (COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE) as u32,
        ) >= 0;
        let result = ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            file.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        ) as isize;
        if initialised {
            CoUninitialize();
        }
        result
    };
    if result > 32 {
        Ok(())
    } else {
        Err(shell_error(result))
    }
}

/// What ShellExecute's answer at or below 32 means: its own SE_ERR_* codes from 26 up are not
/// Windows error numbers (28, a DDE timeout, would read "the printer is out of paper").
#[cfg(any(windows, test))]
fn shell_error(code: isize) -> ViewerError {
    let reason = match code {
        0 | 8 => "komputer kehabisan memori",
        2 => "berkas atau aplikasi pembukanya tidak ditemukan",
        3 => "folder berkas atau aplikasi pembukanya tidak ditemukan",
        5 => "akses ke berkas ditolak",
        11 => "aplikasi pembukanya rusak",
        26 => "berkasnya sedang dipakai program lain",
        27 | 31 => return ViewerError::NoApplication,
        28..=30 => "aplikasi pembukanya tidak menjawab",
        32 => "sebagian aplikasi pembukanya tidak ditemukan",
        _ => return ViewerError::Failed(format!("kode Windows {code}")),
    };
    ViewerError::Failed(reason.to_owned())
}

/// Opens `path` with the desktop's own choice (xdg-open, or macOS's open).
#[cfg(not(windows))]
pub fn open(path: &Path) -> Result<(), ViewerError> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(drop)
        .map_err(|e| ViewerError::Failed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_execute_answers_are_read_as_its_own_codes() {
        assert_eq!(shell_error(31), ViewerError::NoApplication);
        assert_eq!(shell_error(27), ViewerError::NoApplication);
        for (code, words) in [
            (28, "tidak menjawab"),
            (26, "dipakai"),
            (0, "memori"),
            (2, "tidak ditemukan"),
        ] {
            let ViewerError::Failed(reason) = shell_error(code) else {
                panic!("{code}")
            };
            assert!(reason.contains(words), "{code}: {reason}");
        }
    }

    /// A kind of file no application opens (Wine offers no "open with"): said so.
    #[cfg(windows)]
    #[test]
    fn a_file_no_application_opens_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("surat balasan.loket-uji");
        std::fs::write(&file, b"uji").unwrap();
        assert_eq!(open(&file), Err(ViewerError::NoApplication));
        let missing = dir.path().join("tidak-ada.pdf");
        assert!(matches!(open(&missing), Err(ViewerError::Failed(_))));
    }
}

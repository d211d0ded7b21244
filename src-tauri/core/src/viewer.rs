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

/// Opens `path` as a double click in Explorer would (ShellExecute's "open"), so Windows'
/// own choice of application is used and a missing one is reported rather than a dialog
/// nobody asked for.
#[cfg(windows)]
pub fn open(path: &Path) -> Result<(), ViewerError> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::System::Com::{
        CoInitializeEx, CoUninitialize, COINIT_APARTMENTTHREADED, COINIT_DISABLE_OLE1DDE,
    };
    use windows_sys::Win32::UI::Shell::{ShellExecuteW, SE_ERR_ASSOCINCOMPLETE, SE_ERR_NOASSOC};
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
    // Above 32 is success; below, one of the documented SE_ERR_* or Win32 error codes.
    match result {
        r if r > 32 => Ok(()),
        r if r == SE_ERR_NOASSOC as isize || r == SE_ERR_ASSOCINCOMPLETE as isize => {
            Err(ViewerError::NoApplication)
        }
        r => Err(ViewerError::Failed(
            std::io::Error::from_raw_os_error(r as i32).to_string(),
        )),
    }
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

#[cfg(all(test, windows))]
mod tests {
    use super::*;

    /// A kind of file no PC has an application for: said so, not a silent nothing.
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

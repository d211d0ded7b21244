//! Nothing but a window with one heading: what any Tauri 2 app costs to start on this PC.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the reference app runs");
}

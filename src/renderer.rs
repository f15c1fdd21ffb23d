//! Which renderer opens the window: wgpu (DirectX 12 / Vulkan / Windows' WARP software adapter)
//! or glow (OpenGL 2+). The first that fails is followed by the other; the one that worked is
//! remembered per machine in the data folder. A setting, the `--renderer` flag and the
//! `SOP_RKT_RENDERER` variable override the remembered one, in that order of strength:
//! flag > variable > setting > remembered > default.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RendererChoice {
    Wgpu,
    Glow,
}

/// Environment variable that picks the first renderer (`wgpu` or `glow`).
pub const RENDERER_ENV: &str = "SOP_RKT_RENDERER";

/// Tried first when nothing says otherwise (see the closing note of the Windows issue for the
/// measurements behind it).
pub const DEFAULT: RendererChoice = RendererChoice::Wgpu;

impl RendererChoice {
    pub fn parse(s: &str) -> Option<RendererChoice> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wgpu" => Some(RendererChoice::Wgpu),
            "glow" | "opengl" => Some(RendererChoice::Glow),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RendererChoice::Wgpu => "wgpu",
            RendererChoice::Glow => "glow",
        }
    }

    /// The order to try: this one first, the other as the fallback.
    pub fn order(self) -> [RendererChoice; 2] {
        match self {
            RendererChoice::Wgpu => [RendererChoice::Wgpu, RendererChoice::Glow],
            RendererChoice::Glow => [RendererChoice::Glow, RendererChoice::Wgpu],
        }
    }
}

/// What the data folder says: the user's setting (None = automatic) and the last that worked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RendererMemory {
    pub setting: Option<RendererChoice>,
    pub last_worked: Option<RendererChoice>,
}

const FILE: &str = "renderer.txt";

pub fn memory_path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

impl RendererMemory {
    /// Reads `renderer.txt` ("pilihan = glow", "terakhir_berhasil = wgpu"); a missing or odd
    /// file means automatic.
    pub fn load(data_dir: &Path) -> RendererMemory {
        let text = std::fs::read_to_string(memory_path(data_dir)).unwrap_or_default();
        let mut m = RendererMemory::default();
        for line in text.lines() {
            if let Some((k, v)) = line.split_once('=') {
                let v = RendererChoice::parse(v.trim().trim_matches('"'));
                match k.trim() {
                    "pilihan" => m.setting = v,
                    "terakhir_berhasil" => m.last_worked = v,
                    _ => {}
                }
            }
        }
        m
    }

    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let name = |c: Option<RendererChoice>| c.map(RendererChoice::name).unwrap_or("otomatis");
        let text = format!(
            "# Renderer jendela SOP RKT: otomatis, wgpu, atau glow.\npilihan = \"{}\"\nterakhir_berhasil = \"{}\"\n",
            name(self.setting),
            name(self.last_worked)
        );
        std::fs::write(memory_path(data_dir), text)
    }

    /// The renderer to try first.
    pub fn first(&self, flag: Option<RendererChoice>, env: Option<&str>) -> RendererChoice {
        flag.or_else(|| env.and_then(RendererChoice::parse))
            .or(self.setting)
            .or(self.last_worked)
            .unwrap_or(DEFAULT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RendererChoice::*;

    #[test]
    fn flag_beats_variable_beats_setting_beats_memory() {
        let m = RendererMemory {
            setting: Some(Glow),
            last_worked: Some(Wgpu),
        };
        assert_eq!(m.first(Some(Wgpu), Some("glow")), Wgpu);
        assert_eq!(m.first(None, Some("wgpu")), Wgpu);
        assert_eq!(m.first(None, Some("vulkan")), Glow);
        assert_eq!(m.first(None, None), Glow);
        let auto = RendererMemory {
            setting: None,
            last_worked: Some(Glow),
        };
        assert_eq!(auto.first(None, None), Glow);
        assert_eq!(RendererMemory::default().first(None, None), DEFAULT);
    }

    #[test]
    fn remembered_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(RendererMemory::load(dir.path()), RendererMemory::default());
        let m = RendererMemory {
            setting: None,
            last_worked: Some(Glow),
        };
        m.save(dir.path()).unwrap();
        assert_eq!(RendererMemory::load(dir.path()), m);
        std::fs::write(memory_path(dir.path()), "pilihan = \"wgpu\"\nx = 1\n").unwrap();
        assert_eq!(
            RendererMemory::load(dir.path()),
            RendererMemory {
                setting: Some(Wgpu),
                last_worked: None
            }
        );
    }

    #[test]
    fn fallback_order() {
        assert_eq!(Glow.order(), [Glow, Wgpu]);
        assert_eq!(Wgpu.order(), [Wgpu, Glow]);
    }
}

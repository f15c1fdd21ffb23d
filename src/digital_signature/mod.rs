//! The head's digital signature on the RKT PDF (PAdES baseline B-B, an uncertified electronic
//! signature in the sense of PP 71/2019 Pasal 60): the office's root certificate, each signer's
//! key and certificate (`keys`), and the detached CMS signature a PDF carries (`cms`). No GUI,
//! no database: the store keeps what these make.

pub mod cms;
pub mod keys;

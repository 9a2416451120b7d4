//! The Twostep Admin reference backend.

"""What comes in and goes out: uploaded tables and matrices, the command line."""

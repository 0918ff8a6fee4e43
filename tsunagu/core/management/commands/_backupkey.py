"""The key options `tsunagu backup` and `tsunagu restore` share: a key file or a passphrase."""

import os

from tsunagu.core.backupfile import BackupFileError, Key

PASSPHRASE_VARIABLE = "TSUNAGU_BACKUP_PASSPHRASE"
KEY_FILE_VARIABLE = "TSUNAGU_BACKUP_KEY_FILE"


def add_key_arguments(parser) -> None:
    parser.add_argument("--key-file", help=f"the key file (or ${KEY_FILE_VARIABLE})")
    parser.add_argument(
        "--passphrase-file",
        help=f"a file holding the passphrase (or the passphrase in ${PASSPHRASE_VARIABLE})",
    )


def key_from_options(options: dict) -> Key:
    """Never a passphrase on the command line: other users of the machine could read it in the process list."""
    key_file = options.get("key_file") or os.environ.get(KEY_FILE_VARIABLE)
    if key_file:
        return Key.from_file(key_file)
    if options.get("passphrase_file"):
        try:
            with open(options["passphrase_file"], encoding="utf-8") as handle:
                return Key.passphrase(handle.read().strip())
        except OSError as error:
            raise BackupFileError(f"The passphrase file cannot be read ({error.strerror}).") from error
    if os.environ.get(PASSPHRASE_VARIABLE):
        return Key.passphrase(os.environ[PASSPHRASE_VARIABLE])
    raise BackupFileError(
        f"No backup key given: use --key-file PATH, --passphrase-file PATH or ${PASSPHRASE_VARIABLE}."
    )

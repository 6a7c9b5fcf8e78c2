// The window's commands, declared once, grouped by the permission that
// grants them, each permission with the prose that says what it lets the
// window do. From this one declaration `build.rs` writes the permission
// file and the build manifest (every command is denied unless granted), and
// `commands/mod.rs` generates the handler: adding a command is a function
// in its area's module and a line here. The capability
// (`capabilities/main-window.json`) gives these permissions to the main
// window; the shell's configuration test checks it grants exactly these.
//
// Nothing granted here reaches the network, the file system beyond the open
// tracker, its backups folder, the user's preferences file, the user's own
// key and review inbox (their settings and data folders), and the files the
// user chose in the system's save and open dialogs, or the operating
// system's shell. Every write goes through the core's validation and is
// recorded in the audit trail with the current actor.
window_commands! {
    "read-tracker" =>
    "Lets the window read the open tracker: the facts shown in its header \
     (version, data file, actor, language, sample marking), the dashboard, a \
     recommendation's page and the pages of its evidence feed, the owners, a \
     reporting period, search results and the history of changes with what \
     its filters offer. Reads only; \
     nothing is changed."
    [
        screens::app_info,
        screens::dashboard,
        screens::recommendation_page,
        screens::evidence_feed,
        screens::owner_rows,
        screens::period_page,
        screens::search,
        screens::history,
        screens::history_page,
    ]

    "keep-tracker" =>
    "Lets the window make the executive assistant's changes: add and edit \
     owners (and deactivate or delete one who holds no work), assign owners \
     and target dates, add, edit, re-plan and complete milestones, add \
     evidence notes, open a reporting period and record the reported \
     assessment of a recommendation. Each change is validated by the core \
     and audited."
    [
        owners::add_owner,
        owners::update_owner,
        owners::set_owner_active,
        owners::delete_owner,
        recommendations::assign_owners,
        recommendations::set_target_date,
        milestones::add_milestone,
        milestones::edit_milestone,
        milestones::move_milestone,
        milestones::set_milestone_state,
        evidence::add_evidence,
        periods::open_period,
        periods::report_assessment,
    ]

    "review-assessments" =>
    "Lets the window make the deputy minister's changes: accept a reported \
     assessment, return it with a comment, and sign a reporting period off. \
     The core refuses a review by the person who reported, an acceptance of \
     \"Fully implemented\" without evidence, and any change to a signed-off \
     period."
    [
        periods::accept_assessment,
        periods::return_assessment,
        periods::sign_off_period,
    ]

    "backups" =>
    "Lets the window list the backups in the backups folder beside the open \
     data file (name, time, size and whether each passes the integrity \
     check), write a checked backup now, and restore one of the listed \
     backups, named by its file name: the window cannot point a restore at \
     any other file. A restore keeps the current content as a backup first \
     and is recorded in the audit trail. It also lets the window accept the \
     data file as it is when its audit trail ends before the newest event \
     this computer saw in it (an older copy put in place on purpose); that \
     decision is recorded in the trail, and the file's content is not \
     changed."
    [
        backups::list_backups,
        backups::backup_now,
        backups::restore_backup,
        backups::trust_data_file,
    ]

    "preferences" =>
    "Lets the window set the user's own preferences: the name recorded on \
     every change, the language of the interface, whether it opens in \
     review mode and its zoom (which it applies to its own page). They are \
     saved in the user's preferences file, never in the tracker."
    [
        preferences::set_actor,
        preferences::set_language,
        preferences::set_review_mode,
        preferences::set_zoom,
    ]

    "report-ready" =>
    "Lets the window say that it has painted the dashboard, so start-up can \
     be timed. It carries a row count and changes nothing."
    [
        preferences::ui_ready,
    ]

    "briefings" =>
    "Lets the window list the reporting periods a briefing can be made of \
     (with the fingerprint of each signed-off period's snapshot) and ask for \
     a PDF briefing of one of them. The Rust side shows the system's save \
     dialog and writes only the file the user chose there; the window never \
     names a path. If the user asked for it, the written file is then opened \
     in the program the system uses for PDF files. Each briefing written is \
     recorded in the audit trail."
    [
        briefings::briefing_page,
        briefings::export_briefing,
    ]

    "keys" =>
    "Lets the window show this person's public key and its fingerprint, \
     make their key pair (the private key is written only in their settings \
     folder, locked with the passphrase they type, readable by them alone), \
     save the public key where they choose in the system's save dialog, and \
     unlock a key for ten minutes: their own, or a key file they choose in \
     the system's open dialog (a reviewer's own, brought to this computer). \
     An unlocked key stays in the program's memory, never on disk."
    [
        review::key_state,
        review::create_my_key,
        review::unlock_key,
        review::lock_key,
        review::save_my_public_key,
    ]

    "reviewers" =>
    "Lets the window list the people registered to review the tracker, \
     register one by their public key (pasted, or read from a file chosen \
     in the system's open dialog) and remove one. Both are recorded in the \
     audit trail; once a reviewer is registered, only their signed \
     decisions accept, return or sign off."
    [
        review::reviewers,
        review::add_reviewer,
        review::remove_reviewer,
        review::read_public_key_file,
    ]

    "review-exchange" =>
    "Lets the window send a reporting period for review (a package signed \
     with the unlocked key and encrypted to the reviewer, saved where the \
     user chooses in the save dialog, and recorded), review with an \
     unlocked reviewer's key at this computer, and apply a reviewer's \
     decisions from a file chosen in the open dialog after showing what \
     they will do. On a reviewer's computer it opens a package chosen in \
     the open dialog into their inbox (a new sender only once its \
     fingerprint is confirmed), keeps their decisions as they go (encrypted \
     to their own key), and saves the signed decisions where they choose. \
     Every decision is checked by the core's rules."
    [
        review::decide_signed,
        review::send_for_review,
        review::preview_decisions,
        review::apply_decisions,
        review::inbox,
        review::open_review_package,
        review::review_session,
        review::package_decide,
        review::package_sign_off,
        review::send_decisions,
    ]

    "operations" =>
    "Lets the window ask a long operation it started (a backup, a restore, \
     checking the backups, a briefing) to stop. The operation stops only \
     where stopping leaves nothing behind, before anything is put in place; \
     otherwise it finishes."
    [
        operations::cancel_operation,
    ]
}

//! French.

use super::Messages;
use super::messages::group_digits;

/// A number as French writes it, its digits grouped with narrow no-break spaces.
fn n(value: u64) -> String {
    group_digits(value, "\u{202f}")
}

/// How long to wait, from a Retry-After in seconds: « 30 secondes », « 1 minute »,
/// « 15 minutes »; « quelques minutes » when the server did not say.
fn wait(seconds: Option<u32>) -> String {
    match seconds {
        None => "quelques minutes".to_owned(),
        Some(1) => "1 seconde".to_owned(),
        Some(s) if s < 60 => format!("{s}\u{a0}secondes"),
        Some(s) => match s.div_ceil(60) {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes}\u{a0}minutes"),
        },
    }
}

/// The French catalog.
pub const FR: Messages = Messages {
    skip_to_main: "Aller au contenu principal",
    language: "Langue",
    loading: "Chargement…",
    redirecting_to_sign_in: "Redirection vers la page de connexion…",
    sign_in_heading: "Se connecter à Twostep Admin",
    email: "Adresse e-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    signing_in: "Connexion en cours…",
    sign_out: "Se déconnecter",
    organization_tree: "Arborescence de l’organisation",
    organization_sections: "Sections de l’organisation",
    global_settings: "Paramètres généraux",
    select_group_hint: "Sélectionnez un groupe de techniciens dans l’arborescence de \
                        l’organisation pour le gérer.",
    global_settings_master_only: "Seuls les administrateurs principaux peuvent voir les \
                                  paramètres généraux.",
    two_step_heading: "Vérification en deux étapes",
    two_step_intro: "Choisissez les membres de l’organisation qui doivent utiliser la \
                     vérification en deux étapes pour se connecter au site web et à la \
                     Console d’assistance, ainsi que pour y modifier leur mot de passe.",
    administrators: "Administrateurs",
    administrators_none: "Aucun administrateur",
    administrators_all: "Tous les administrateurs",
    technicians: "Techniciens",
    technicians_none: "Aucun technicien",
    technicians_all: "Tous les techniciens",
    technicians_selected_groups: "Membres du ou des groupes de techniciens sélectionnés",
    primary_method: "Méthode de vérification principale",
    method_lastpass_notification: "Notification de l’App LastPass Authenticator",
    method_authenticator_app: "Application d’authentification",
    method_sms: "Vérification par SMS",
    method_email: "vérification par e-mail",
    revision: |revision| format!("Révision {revision}"),
    method_lastpass_notification_description: "Les membres approuvent chaque connexion à \
                                               l’aide d’une notification de \
                                               l’App LastPass Authenticator.",
    method_authenticator_app_description: "Les membres saisissent un code fourni par une \
                                           application d’authentification sur leur \
                                           téléphone.",
    method_sms_description: "Les membres saisissent un code reçu par SMS sur leur téléphone \
                             mobile.",
    method_email_description: "Les membres saisissent un code reçu à leur adresse e-mail.",
    authenticator_app_note: "Toute application d’authentification TOTP convient\u{a0}; \
                             l’écran de configuration ne cite Google Authenticator \
                             qu’à titre d’exemple.",
    email_note: "La Console d’assistance 7.50.3572 et ses versions antérieures ne prennent pas \
                 en charge la vérification par e-mail et ignorent la méthode principale\u{a0}: \
                 elles proposent d’abord la Notification de l’App LastPass \
                 Authenticator, puis toute autre application d’authentification, puis la \
                 vérification par SMS.",
    important_label: "Important\u{a0}:",
    important_note: "un administrateur qui détient aussi une licence de technicien doit utiliser \
                     la vérification en deux étapes si ces paramètres s’appliquent à lui \
                     en tant qu’administrateur ou en tant que technicien.",
    selected_groups_explanation: "La vérification en deux étapes s’applique alors aux \
                                  techniciens des groupes dont l’onglet Paramètres a la \
                                  case «\u{a0}Forcer la vérification en deux étapes\u{a0}» \
                                  cochée\u{a0}:",
    no_forced_groups: "Aucun groupe de techniciens n’a encore la case «\u{a0}Forcer la \
                       vérification en deux étapes\u{a0}» cochée.",
    technician_count: |count| match count {
        0 | 1 => format!("{count} technicien"),
        count => format!("{count} techniciens"),
    },
    save_changes: "Enregistrer les modifications",
    discard_changes: "Annuler les modifications",
    settings_applied: "Paramètres appliqués aux utilisateurs sélectionnés de votre organisation.",
    policy_changed_meanwhile: "Quelqu’un d’autre a modifié ces paramètres \
                               pendant que vous les modifiiez. Ses paramètres figurent \
                               ci-dessous\u{a0}; vos choix sont toujours dans le formulaire. \
                               «\u{a0}Enregistrer les modifications\u{a0}» applique vos choix \
                               à la place des siens\u{a0}; «\u{a0}Annuler les \
                               modifications\u{a0}» affiche les siens.",
    impact_heading: "Effet de ces paramètres",
    impact_updating: "Calcul de l’effet en cours…",
    impact_members_total: "Membres de l’organisation",
    impact_required: "Tenus d’utiliser la vérification en deux étapes",
    impact_required_not_enrolled: "Tenus de l’utiliser mais ne l’ayant pas encore configurée",
    impact_newly_required: "Nouvellement tenus de l’utiliser",
    impact_no_longer_required: "Plus tenus de l’utiliser",
    impact_enrollments_reset: "Configurations de la vérification en deux étapes supprimées par \
                               le changement de méthode",
    impact_members_reset: "Membres qui devront configurer de nouveau la vérification en deux \
                           étapes",
    impact_legacy_console: "Techniciens sur la Console d’assistance 7.50.3572 ou antérieure \
                            (e-mail impossible)",
    reset_dialog_title: "Réinitialiser la vérification en deux étapes pour tout le \
                         monde\u{a0}?",
    reset_dialog_text: |old, new, members| {
        let (who, must, their) = match members {
            Some(1) => ("Le seul membre de votre organisation".to_owned(), "devra", "sa"),
            Some(members) => {
                (format!("Les {members} membres de votre organisation"), "devront", "leur")
            }
            None => ("Tous les membres de votre organisation".to_owned(), "devront", "leur"),
        };
        format!(
            "Vous remplacez la méthode de vérification principale «\u{a0}{old}\u{a0}» par \
             «\u{a0}{new}\u{a0}». {who} {must} configurer de nouveau la vérification en deux \
             étapes à {their} prochaine connexion."
        )
    },
    reset_dialog_confirm: "Changer de méthode et réinitialiser",
    cancel: "Annuler",
    unsaved_changes_confirm: "Vous avez des modifications non enregistrées. Quitter cette page \
                              sans les enregistrer\u{a0}?",
    technician_group: "Groupe de techniciens",
    group_not_found: "Ce groupe de techniciens n’existe pas, ou vous ne pouvez pas le \
                      voir.",
    force_two_step_state: |on| {
        format!(
            "Forcer la vérification en deux étapes\u{a0}: {}",
            if on { "activé" } else { "désactivé" }
        )
    },
    organization: "Organisation",
    search_groups: "Rechercher des groupes",
    no_group_matches: |query| format!("Aucun groupe ne correspond à «\u{a0}{query}\u{a0}»."),
    badge_required: "V2E",
    badge_required_text: "Vérification en deux étapes obligatoire",
    not_set_up_count: |count| match count {
        0 | 1 => format!("{count} non configuré"),
        count => format!("{count} non configurés"),
    },
    group_sections: "Sections du groupe",
    settings_tab: "Paramètres",
    force_two_step: "Forcer la vérification en deux étapes",
    group_settings_applied: "Paramètres appliqués aux techniciens de ce groupe.",
    group_changed_meanwhile: "Quelqu’un d’autre a modifié les paramètres de ce groupe \
                              pendant que vous les modifiiez. Son réglage figure \
                              ci-dessous\u{a0}; votre choix est toujours dans le formulaire. \
                              «\u{a0}Enregistrer les modifications\u{a0}» applique votre choix \
                              à la place du sien\u{a0}; «\u{a0}Annuler les \
                              modifications\u{a0}» affiche le sien.",
    force_two_step_inactive: "Ce réglage est sans effet tant que Paramètres généraux › \
                              Techniciens n’est pas réglé sur «\u{a0}Membres du ou des \
                              groupes de techniciens sélectionnés\u{a0}».",
    open_global_settings: "Ouvrir les paramètres généraux",
    group_impact_require: |count| {
        let techniciens = if count <= 1 { "technicien" } else { "techniciens" };
        format!(
            "L’enregistrement obligera {count} {techniciens} de ce groupe à utiliser la \
             vérification en deux étapes."
        )
    },
    group_impact_release: |count| {
        let techniciens = if count <= 1 { "technicien" } else { "techniciens" };
        format!(
            "L’enregistrement dispensera {count} {techniciens} de ce groupe de la vérification \
             en deux étapes."
        )
    },
    not_found_heading: "Page introuvable",
    not_found_text: "Aucune page ne correspond à cette adresse. Elle a peut-être été déplacée, \
                     ou le lien contient une erreur.",
    go_to_admin_center: "Aller au centre d’administration",
    members: "Membres",
    audit_log: "Journal d’audit",
    audit_log_master_only: "Seuls les administrateurs principaux peuvent voir le journal \
                            d’audit.",
    filter_members: "Filtrer les membres",
    search_members: "Rechercher par nom ou adresse e-mail",
    role: "Rôle",
    any_role: "Tous les rôles",
    master_administrators: "Administrateurs principaux",
    group: "Groupe",
    all_groups: "Tous les groupes",
    required_or_not: "Obligatoire ou non",
    required: "Obligatoire",
    not_required: "Non obligatoire",
    set_up: "Configurée",
    set_up_or_not: "Configurée ou non",
    not_set_up: "Non configurée",
    required_not_set_up: "Obligatoire mais non configurée",
    clear_filters: "Effacer les filtres",
    members_showing: |from, to, total| format!("Membres {}–{} sur {}", n(from), n(to), n(total)),
    no_members_match: "Aucun membre ne correspond à ces filtres.",
    page_past_end: "Cette page est vide. Revenez aux pages précédentes.",
    force_reset: "Forcer la réinitialisation de la vérification en deux étapes",
    selected_count: |count| match count {
        0 | 1 => format!("{count} sélectionné"),
        count => format!("{} sélectionnés", n(count)),
    },
    export_csv: "Exporter en CSV",
    name: "Nom",
    roles: "Rôles",
    method: "Méthode",
    set_up_on: "Configurée le",
    technician_console: "Console d’assistance",
    select_all_members: "Sélectionner tous les membres de cette page",
    select_member: |name| format!("Sélectionner {name}"),
    only_master_resets_administrators: "Seuls les administrateurs principaux peuvent réinitialiser \
                                        la vérification en deux étapes d’un administrateur.",
    role_master_administrator: "Administrateur principal",
    role_administrator: "Administrateur",
    role_technician: "Technicien",
    reason_administrator_policy: "Règle des administrateurs",
    reason_group: |group| format!("Groupe {group}"),
    pages: "Pages",
    previous: "Précédente",
    next: "Suivante",
    page_of: |page, pages| format!("Page {} sur {}", n(page.into()), n(pages.into())),
    members_reset_title: "Forcer la réinitialisation de la vérification en deux étapes\u{a0}?",
    members_reset_text: |count| match count {
        1 => "1 membre devra configurer de nouveau la vérification en deux étapes à sa \
              prochaine connexion."
            .to_owned(),
        count => format!(
            "{} membres devront configurer de nouveau la vérification en deux étapes à leur \
             prochaine connexion.",
            n(count)
        ),
    },
    members_reset_warning: "Leurs configurations actuelles sont supprimées. Cette action est \
                            irréversible.",
    members_reset_confirm: "Réinitialiser la vérification en deux étapes",
    resetting: "Réinitialisation…",
    members_reset_done: |count| match count {
        1 => "La vérification en deux étapes a été réinitialisée pour 1 membre.".to_owned(),
        count => {
            format!("La vérification en deux étapes a été réinitialisée pour {} membres.", n(count))
        }
    },
    filter_audit_log: "Filtrer le journal d’audit",
    change: "Modification",
    all_changes: "Toutes les modifications",
    policy_changes: "Modifications de la règle",
    group_settings_changes: "Modifications des paramètres de groupe",
    two_step_resets: "Réinitialisations de la vérification en deux étapes",
    person: "Personne",
    anyone: "Tout le monde",
    changes_showing: |from, to, total| {
        format!("Modifications {}–{} sur {}", n(from), n(to), n(total))
    },
    no_changes_match: "Aucune modification ne correspond à ces filtres.",
    when: "Date",
    who: "Auteur",
    what: "Modification",
    before: "Avant",
    after: "Après",
    former_member: "Un ancien membre",
    audit_policy: "Règle de vérification en deux étapes",
    setups_reset: |count| match count {
        0 | 1 => format!("{count} configuration réinitialisée"),
        count => format!("{} configurations réinitialisées", n(count)),
    },
    audit_force_two_step: |group| format!("Forcer la vérification en deux étapes\u{a0}: {group}"),
    on: "Activé",
    off: "Désactivé",
    audit_reset: |member| {
        format!("Réinitialisation de la vérification en deux étapes\u{a0}: {member}")
    },
    set_up_with: |method| format!("Configurée ({method})"),
    setting_value: |setting, value| format!("{setting}\u{a0}: {value}"),
    try_again: "Réessayer",
    error_invalid_credentials: "L’adresse e-mail ou le mot de passe est incorrect. Vérifiez-les, \
                                puis réessayez.",
    error_too_many_sign_in_attempts: |seconds| {
        format!("Trop de tentatives de connexion. Patientez {}, puis réessayez.", wait(seconds))
    },
    error_too_many_requests: |seconds| {
        format!("Trop de requêtes. Patientez {}, puis réessayez.", wait(seconds))
    },
    error_busy: |seconds| {
        format!(
            "Le serveur est occupé et rien n’a été modifié. Patientez {}, puis réessayez.",
            match seconds {
                Some(_) => wait(seconds),
                None => "quelques secondes".to_owned(),
            }
        )
    },
    error_unreachable: "Twostep Admin ne parvient pas à joindre le serveur. Vérifiez votre \
                        connexion, puis réessayez.",
    error_session_ended: "Votre session a expiré. Reconnectez-vous pour continuer.",
    error_forbidden: "Vous n’êtes pas autorisé à effectuer cette action. Adressez-vous à un \
                      administrateur principal si vous avez besoin de cet accès.",
    error_not_found: "Cet élément n’existe plus. Revenez en arrière et choisissez-en un autre.",
    error_validation: "Certaines valeurs n’ont pas été acceptées. Corrigez-les, puis \
                       réessayez\u{a0}:",
    error_conflict: "Cette modification est incompatible avec les paramètres actuels. \
                     Rechargez la page, puis réessayez.",
    error_changed_meanwhile: "Quelqu’un d’autre a modifié cet élément entre-temps. Rechargez la \
                              page pour voir ses modifications, puis refaites les vôtres.",
    error_precondition_required: "Le serveur doit savoir quelle version des paramètres vous avez \
                                  modifiée. Rechargez la page, puis refaites vos modifications.",
    error_unreadable_answer: "Le serveur a envoyé une réponse que Twostep Admin ne sait pas \
                              lire. Réessayez\u{a0}; si le problème persiste, contactez votre \
                              administrateur.",
    error_unexpected: |status| {
        format!(
            "Une erreur s’est produite (erreur {status}). Réessayez\u{a0}; si le problème persiste, \
             contactez votre administrateur."
        )
    },
    my_account: "Mon compte",
    second_step_set_up_heading: "Configurer la vérification en deux étapes",
    second_step_verify_heading: "Vérification en deux étapes",
    second_step_password_heading: "Confirmez votre identité",
    change_method_heading: "Changer de méthode de vérification",
    second_step_set_up_intro: "Choisissez comment vous confirmerez votre identité lors de la \
                               connexion.",
    verification_method: "Méthode de vérification",
    phone_number: "Numéro de téléphone mobile",
    phone_number_hint: "Au format international, commençant par + et l’indicatif du pays, par \
                        exemple +33 6 12 34 56 78.",
    continue_label: "Continuer",
    authenticator_set_up_text: "Scannez ce code QR avec votre application d’authentification, \
                                ou saisissez-y la clé. Saisissez ensuite le code à 6 chiffres \
                                affiché par l’application.",
    qr_code_label: "Code QR de votre clé",
    key_label: "Clé\u{a0}:",
    code_from_app: "Saisissez le code à 6 chiffres affiché par votre application \
                    d’authentification.",
    code_sent_to: |to| {
        format!("Nous avons envoyé un code à 6 chiffres à {to}. Il est valable 10 minutes.")
    },
    code_sending: "Envoi du code…",
    code_label: "Code à 6 chiffres",
    verify: "Vérifier",
    verifying: "Vérification…",
    resend_code: "Envoyer un nouveau code",
    resend_code_in: |seconds| format!("Envoyer un nouveau code dans {seconds}\u{a0}s"),
    use_recovery_code: "Utiliser un code de récupération",
    other_method: "Choisir une autre méthode",
    other_way: "Se connecter autrement",
    use_method_instead: "Utiliser plutôt ma méthode de vérification",
    recovery_code: "Code de récupération",
    recovery_code_hint: "L’un des codes enregistrés lors de la configuration de la vérification \
                         en deux étapes. Chaque code ne sert qu’une fois.",
    approve_on_phone: |to| match to {
        Some(to) => format!(
            "Approuvez la demande dans l’App LastPass Authenticator de votre téléphone \
             ({to}). Cette page continue d’elle-même dès votre approbation."
        ),
        None => "Approuvez la demande dans l’App LastPass Authenticator de votre \
                 téléphone. Cette page continue d’elle-même dès votre approbation."
            .to_owned(),
    },
    recovery_codes_heading: "Enregistrez vos codes de récupération",
    recovery_codes_text: "Si vous perdez votre téléphone, chacun de ces codes vous permet de vous \
                          connecter une fois. Conservez-les en lieu sûr\u{a0}: ils ne seront plus \
                          affichés.",
    recovery_codes_done: "J’ai enregistré ces codes",
    account_required: "Votre organisation vous demande d’utiliser la vérification en deux \
                       étapes.",
    account_not_required: "Votre organisation n’exige pas la vérification en deux étapes\u{a0}; \
                           vous pouvez tout de même la configurer.",
    recovery_codes_left: "Codes de récupération inutilisés",
    set_up_two_step: "Configurer la vérification en deux étapes",
    change_method: "Changer de méthode",
    two_step_set_up_done: |method| {
        format!("La vérification en deux étapes est configurée\u{a0}: {method}.")
    },
    regenerate_codes: "Régénérer les codes de récupération",
    regenerate_codes_title: "Remplacer vos codes de récupération\u{a0}?",
    regenerate_codes_text: "Dix nouveaux codes remplacent les codes actuels, qui cessent \
                            aussitôt de fonctionner.",
    regenerate_codes_confirm: "Remplacer mes codes de récupération",
    regenerating: "Remplacement…",
    change_password_heading: "Modifier votre mot de passe",
    current_password: "Mot de passe actuel",
    new_password: "Nouveau mot de passe",
    new_password_hint: |min| format!("Au moins {min} caractères."),
    confirm_password: "Confirmez le nouveau mot de passe",
    change_password: "Modifier le mot de passe",
    changing_password: "Modification…",
    password_too_short: |min| {
        format!("Le nouveau mot de passe doit compter au moins {min} caractères.")
    },
    password_too_long: |max| {
        format!("Le nouveau mot de passe peut compter au plus {max} caractères.")
    },
    passwords_differ: "Les deux nouveaux mots de passe diffèrent. Saisissez le même mot de passe \
                       dans les deux champs.",
    password_changed: "Votre mot de passe a été modifié. Vos autres sessions ont été fermées.",
    sessions_heading: "Vos sessions",
    sessions_text: "Une session ouverte sur un navigateur ou un appareil que vous n’utilisez plus, \
                    ou que vous ne reconnaissez pas\u{a0}? Se déconnecter partout ferme toutes les \
                    sessions de votre compte, celle-ci comprise.",
    sign_out_everywhere: "Se déconnecter partout",
    sign_out_everywhere_title: "Se déconnecter partout\u{a0}?",
    sign_out_everywhere_text: "Tous les navigateurs et appareils connectés à votre compte sont \
                               déconnectés, celui-ci compris. Vous vous reconnectez ensuite ici.",
    signing_out: "Déconnexion…",
    signed_out_everywhere: "Toutes vos sessions ont été fermées, sur tous les navigateurs et appareils.",
    two_step_setups: "Configurations de la vérification en deux étapes",
    recovery_code_changes: "Codes de récupération régénérés",
    password_changes: "Modifications de mot de passe",
    audit_set_up: |method| format!("Configuration\u{a0}: {method}"),
    audit_method_changed: |before, after| {
        format!("Changement de méthode\u{a0}: {before} → {after}")
    },
    audit_recovery_codes: "Codes de récupération régénérés",
    audit_password_changed: "Mot de passe modifié",
    error_wrong_code: |left| match left {
        Some(0 | 1) => format!(
            "Ce code est incorrect. Vérifiez-le, puis réessayez\u{a0}: {} essai restant.",
            left.unwrap_or_default()
        ),
        Some(left) => format!(
            "Ce code est incorrect. Vérifiez-le, puis réessayez\u{a0}: {left} essais restants."
        ),
        None => "Ce code est incorrect. Vérifiez-le, puis réessayez.".to_owned(),
    },
    error_code_expired: "Ce code a expiré. Envoyez un nouveau code, puis saisissez-le.",
    error_too_many_attempts: "Trop de codes incorrects. Saisissez de nouveau votre mot de passe \
                              pour recommencer.",
    error_second_step_expired: "La vérification en deux étapes a pris trop de temps et a pris \
                                fin. Saisissez de nouveau votre mot de passe pour recommencer.",
    error_resend_too_soon: |seconds| match seconds {
        Some(seconds) => format!(
            "Un code vient d’être envoyé. Patientez {seconds}\u{a0}s, puis envoyez-en un \
             nouveau."
        ),
        None => {
            "Un code vient d’être envoyé. Patientez un peu, puis envoyez-en un nouveau.".to_owned()
        }
    },
    error_approval_denied: "La demande a été refusée sur votre téléphone. Saisissez de nouveau \
                            votre mot de passe pour recommencer.",
    error_start_required: "Choisissez une méthode et sélectionnez Continuer avant de saisir un \
                           code.",
    error_not_set_up: "Configurez d’abord la vérification en deux étapes\u{a0}; les codes de \
                       récupération l’accompagnent.",
};

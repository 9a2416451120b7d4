//! French.

use super::Messages;

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
    global_settings: "Paramètres globaux",
    select_group_hint: "Sélectionnez un groupe de techniciens dans l’arborescence de \
                        l’organisation pour le gérer.",
    global_settings_master_only: "Seuls les administrateurs principaux peuvent voir les \
                                  paramètres globaux.",
    two_step_heading: "Vérification en deux étapes",
    two_step_intro: "Choisissez les membres de l’organisation qui doivent utiliser la \
                     vérification en deux étapes pour se connecter au site web et à la \
                     Technician Console, ainsi que pour y modifier leur mot de passe.",
    administrators: "Administrateurs",
    administrators_none: "Aucun administrateur",
    administrators_all: "Tous les administrateurs",
    technicians: "Techniciens",
    technicians_none: "Aucun technicien",
    technicians_all: "Tous les techniciens",
    technicians_selected_groups: "Membres des groupes de techniciens sélectionnés",
    primary_method: "Méthode de vérification principale",
    method_lastpass_notification: "Notification de l’application LastPass Authenticator",
    method_authenticator_app: "Application d’authentification",
    method_sms: "Vérification par SMS",
    method_email: "Vérification par e-mail",
    revision: |revision| format!("Révision {revision}"),
    not_found_heading: "Page introuvable",
    not_found_text: "Aucune page ne correspond à cette adresse. Elle a peut-être été déplacée, \
                     ou le lien contient une erreur.",
    go_to_admin_center: "Aller au centre d’administration",
    try_again: "Réessayer",
    error_invalid_credentials: "L’adresse e-mail ou le mot de passe est incorrect. Vérifiez-les, \
                                puis réessayez.",
    error_too_many_sign_in_attempts: "Trop de tentatives de connexion. Patientez quelques \
                                      minutes, puis réessayez.",
    error_too_many_requests: "Trop de requêtes. Patientez quelques minutes, puis réessayez.",
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
    error_unreadable_answer: "Le serveur a envoyé une réponse que Twostep Admin ne sait pas \
                              lire. Réessayez\u{a0}; si le problème persiste, contactez votre \
                              administrateur.",
    error_unexpected: |status| {
        format!(
            "Une erreur s’est produite (erreur {status}). Réessayez\u{a0}; si le problème persiste, \
             contactez votre administrateur."
        )
    },
};

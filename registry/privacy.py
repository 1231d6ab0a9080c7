"""The privacy notice a delegate consents to before appearing in public lists.

Bilingual and versioned: a consent record keeps the version, the language and the SHA-256
digest of the exact wording shown, so that what a person agreed to can be told years later.
A notice is never edited once published: a changed wording is a new version, and the old ones
stay here for the records that point to them."""

import hashlib

CURRENT_VERSION = "1"

NOTICES = {
    "1": {
        "en": (
            "Public listing of delegates: privacy notice (version 1)\n\n"
            "If you agree, the registry of the Asian Export Control Seminar publishes, on its "
            "public pages and in its downloads (CSV, calendar and JSON files), these details of "
            "your registration: your name, position, organization, country or region, category, "
            "breakout group and the sessions in which you have a role. Your e-mail address and "
            "phone number are never published.\n\n"
            "The data controller is CISTEC (Center for Information on Security Trade Control), "
            "which organizes the seminar with Japan's Ministry of Economy, Trade and Industry "
            "and Ministry of Foreign Affairs.\n\n"
            "You may withdraw your consent at any time, through your own link or by writing to "
            "the organizers: you then disappear from every public page at once. Withdrawing "
            "does not affect your registration."
        ),
        "ja": (
            "参加者の公開掲載に関するプライバシー通知（第1版）\n\n"
            "同意いただいた場合、アジア輸出管理セミナーの登録システムは、公開ページとダウンロード"
            "（CSV、カレンダー、JSON ファイル）に、登録内容のうち次の項目を掲載します：氏名、役職、"
            "所属機関、国・地域、区分、分科会グループ、役割のあるセッション。メールアドレスと"
            "電話番号は公開しません。\n\n"
            "個人データの管理者は、経済産業省・外務省とともに本セミナーを主催する"
            "一般財団法人安全保障貿易情報センター（CISTEC）です。\n\n"
            "同意は、ご自身用のリンクから、または主催者への連絡により、いつでも撤回できます。"
            "撤回すると、すべての公開ページから直ちに表示されなくなります。撤回しても登録には"
            "影響しません。"
        ),
    },
}


def notice_text(language, version=CURRENT_VERSION):
    """The notice's wording in ``language`` (English where it has no such translation)."""
    wordings = NOTICES[version]
    return wordings.get(language, wordings["en"])


def notice_digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def shown_notice(language, version=CURRENT_VERSION):
    """What a consent record keeps of the notice shown: version, language and digest."""
    language = language if language in NOTICES[version] else "en"
    return {
        "notice_version": version,
        "notice_language": language,
        "notice_digest": notice_digest(notice_text(language, version)),
    }

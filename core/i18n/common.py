"""Texts shared by every page: navigation, units, language names."""

EN = {
    "lang.name": "English",
    "nav.home": "Home",
    "nav.lab": "Lab: one vs two layers",
    "nav.theory": "Theory: why depth matters",
    "nav.cost": "Cost: what does it cost?",
    "nav.pilot": "Pilot: your own data",
    "common.choose": "Choose…",
    "common.language": "Language",
    "nav.exit_present": "Exit presentation mode",
}

JA = {
    "lang.name": "日本語",
    "nav.home": "ホーム",
    "nav.lab": "ラボ：1層か2層か",
    "nav.theory": "理論：なぜ深さが効くのか",
    "nav.cost": "コスト：いくらかかるか",
    "nav.pilot": "パイロット：自社データで",
    "common.choose": "選んでください…",
    "common.language": "言語",
    "nav.exit_present": "プレゼンテーションモードを終了",
}

"""Texts of the Cost page and the cost lines on the Lab's cards."""

EN = {
    "costpage.title": "What does it cost?",
    "costpage.intro": (
        "The third step of a pilot: the measured training time and reconstruction speed of each model and classical "
        "decoder on this server, turned into money for your volumes and price."
    ),
    "costpage.inputs": "Your volumes and price",
    "costpage.signals_per_day": "Signals reconstructed per day",
    "costpage.retrainings": "Retrainings per month",
    "costpage.price": "Price per CPU-hour ({currency})",
    "costpage.price_help": "An assumption you set: a cloud vCPU-hour costs roughly USD 0.04–0.05 (about ¥7).",
    "costpage.currency": "Currency",
    "costpage.no_run": "No measurements yet in this session: run the comparison in the Lab, or measure the default one here.",
    "costpage.measure": "Measure the default comparison",
    "costpage.from_run": "Figures from the Lab run with these settings: n = {n}, m = {m}, s = {s}, seed {seed}.",
    "costpage.table": "Breakdown",
    "costpage.chart_title": "Error against monthly cost: lower left is better",
    "costpage.chart_x": "estimated monthly cost ({currency}, log)",
    "costpage.chart_y": "RMS relative error (log; < 1e-7 at 1e-7)",
    "costpage.col.name": "model or decoder",
    "costpage.col.params": "parameters (counted)",
    "costpage.col.macs": "multiply-adds per signal (counted)",
    "costpage.col.train": "training s (measured)",
    "costpage.col.rate": "signals per s (measured)",
    "costpage.col.memory": "memory, MB (estimated)",
    "costpage.col.error": "RMS relative error (measured)",
    "costpage.col.hours": "CPU-hours / month (estimated)",
    "costpage.col.monthly": "monthly cost (estimated)",
    "costpage.col.per_1000": "per 1,000 reconstructions (estimated)",
    "costpage.note": (
        "Counted: from the layer shapes. Measured: on this server, one CPU thread per job. Estimated: memory from "
        "the shapes; money = measured time × your volumes × your price. Per 1,000 reconstructions counts "
        "reconstruction only; training is paid per retraining."
    ),
    "costpage.download": "Download the cost table (CSV)",
    "costpage.bad_input": "These inputs cannot be used: {detail}",
}

JA = {
    "costpage.title": "いくらかかるか？",
    "costpage.intro": (
        "パイロットの第3ステップ：このサーバーで実測した各モデルと古典的手法の学習時間と復元速度を、"
        "あなたの処理量と単価で金額に換算します。"
    ),
    "costpage.inputs": "処理量と単価",
    "costpage.signals_per_day": "1日に復元する信号の数",
    "costpage.retrainings": "月あたりの再学習回数",
    "costpage.price": "CPU 1時間あたりの単価（{currency}）",
    "costpage.price_help": "ご自身で設定する前提値です。クラウドのvCPUは1時間あたりおよそ0.04〜0.05米ドル（約7円）です。",
    "costpage.currency": "通貨",
    "costpage.no_run": "このセッションにはまだ測定結果がありません。ラボで比較を実行するか、ここで既定の比較を測定してください。",
    "costpage.measure": "既定の比較を測定する",
    "costpage.from_run": "ラボでの実行結果（n = {n}、m = {m}、s = {s}、シード {seed}）に基づく数値です。",
    "costpage.table": "内訳",
    "costpage.chart_title": "月額コストに対する誤差：左下ほど良い",
    "costpage.chart_x": "推定月額コスト（{currency}、対数）",
    "costpage.chart_y": "RMS相対誤差（対数；1e-7未満は1e-7に表示）",
    "costpage.col.name": "モデル・手法",
    "costpage.col.params": "パラメータ数（計数）",
    "costpage.col.macs": "1信号あたりの積和演算（計数）",
    "costpage.col.train": "学習秒数（実測）",
    "costpage.col.rate": "毎秒の信号数（実測）",
    "costpage.col.memory": "メモリ MB（推定）",
    "costpage.col.error": "RMS相対誤差（実測）",
    "costpage.col.hours": "月あたりCPU時間（推定）",
    "costpage.col.monthly": "月額コスト（推定）",
    "costpage.col.per_1000": "復元1,000件あたり（推定）",
    "costpage.note": (
        "計数：層の形から数えた値。実測：このサーバーで1ジョブ1CPUスレッドで測定。推定：メモリは層の形から、"
        "金額は実測時間 × 処理量 × 単価。復元1,000件あたりの金額は復元のみで、学習は再学習ごとにかかります。"
    ),
    "costpage.download": "コスト表をダウンロード（CSV）",
    "costpage.bad_input": "この入力は使えません：{detail}",
}

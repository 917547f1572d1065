"""Texts of the Cost page (costpage.*) and of the cost model (cost.*): the table's columns, how each figure was
obtained, the user's inputs, the verdict.

The verdict is assembled from pieces: a main clause, cost.verdict.main.<accuracy>_<price> (a deeper net against one
hidden layer) or cost.verdict.main.alone; an optional decoder clause, cost.verdict.dec.<accuracy>.<price>, where
accuracy is better / same / worse and price dearer / cheaper / same; and cost.verdict.sentence around them. Japanese
puts the decoder comparison in brackets so that the verdict stays one sentence ending in 。.
"""

EN = {
    # the Cost page
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
    "costpage.col.name": "model or decoder",
    "costpage.col.params": "parameters (counted)",
    "costpage.col.macs": "multiply-adds per signal (counted)",
    "costpage.col.train": "training s (measured)",
    "costpage.col.rate": "signals per s (measured)",
    "costpage.col.memory": "memory, MB (estimated)",
    "costpage.col.error": "RMS relative error (measured)",
    "costpage.col.hours": "CPU-hours / month (estimated)",
    "costpage.col.monthly": "monthly cost (estimated)",
    "costpage.col.per_volume": "per {volume} reconstructions (estimated)",
    "costpage.note": (
        "Counted: from the layer shapes. Measured: on this server, one CPU thread per job. Estimated: memory from "
        "the shapes; money = measured time × your volumes × your price. The cost per reconstructions counts "
        "reconstruction only; training is paid per retraining."
    ),
    "costpage.download": "Download the cost table (CSV)",
    "costpage.bad_input": "These inputs cannot be used: {detail}",
    # columns of the cost table
    "cost.col.model": "Model",
    "cost.col.params": "Parameters",
    "cost.col.macs": "Multiply-adds per signal",
    "cost.col.train_seconds": "Training time (s)",
    "cost.col.throughput": "Signals per second",
    "cost.col.memory": "Memory",
    "cost.col.error": "RMS relative error",
    "cost.col.monthly_cpu_hours": "CPU-hours per month",
    "cost.col.monthly_cost": "Monthly cost",
    "cost.col.per_1000": "Cost per 1,000 signals",
    "cost.col.provenance": "How obtained",
    # how each figure was obtained
    "cost.prov.counted": "counted",
    "cost.prov.measured": "measured",
    "cost.prov.estimated": "estimated",
    "cost.prov.not_applicable": "n/a",
    # the user's inputs
    "cost.input.signals_per_day": "Signals reconstructed per day",
    "cost.input.retrainings_per_month": "Retrainings per month",
    "cost.input.price_per_cpu_hour": "Price per CPU-hour",
    "cost.input.currency": "Currency",
    # notes beside the figures
    "cost.note.counted": "Counted from the layer shapes: parameters and multiply-adds are exact.",
    "cost.note.measured": "Measured on this machine, one CPU thread per job, best of several runs.",
    "cost.note.memory": (
        "Estimate: float32 weights (for training also gradients and Adam's two moments) plus activations; "
        "the Python and torch runtime (about 300 MB) is not included."
    ),
    "cost.note.price": (
        "The price per CPU-hour is your assumption; the default ({price}) is about what one cloud vCPU costs "
        "per hour on demand."
    ),
    "cost.note.per_1000": "Cost per 1,000 signals counts reconstruction only; training is in the monthly cost.",
    # who, inside the verdict
    "cost.who.depth1": "1 hidden layer",
    "cost.who.depth": "{depth} hidden layers",
    "cost.who.hand_built": "the hand-built two-layer net",
    "cost.who.normalised": "the normalised one-layer net",
    "cost.who.bp": "basis pursuit",
    "cost.who.bpdn": "BPDN with the oracle λ",
    "cost.who.omp": "OMP",
    "cost.who.lasso": "LASSO with a fixed λ",
    # the verdict
    "cost.verdict.sentence": "{main}{decoder}.",
    "cost.verdict.empty": "Nothing to compare yet: no model or decoder has an error figure.",
    "cost.verdict.main.better_dearer": (
        "Going from {one} to {deep} cuts the error from {err_one} to {err_deep} for {money} more a month"
    ),
    "cost.verdict.main.better_cheaper": (
        "Going from {one} to {deep} cuts the error from {err_one} to {err_deep} and saves {money} a month"
    ),
    "cost.verdict.main.better_same": (
        "Going from {one} to {deep} cuts the error from {err_one} to {err_deep} at the same monthly cost"
    ),
    "cost.verdict.main.worse_dearer": (
        "Going from {one} to {deep} does not cut the error ({err_one} → {err_deep}) and costs {money} more a month"
    ),
    "cost.verdict.main.worse_cheaper": (
        "Going from {one} to {deep} does not cut the error ({err_one} → {err_deep}) but saves {money} a month"
    ),
    "cost.verdict.main.worse_same": (
        "Going from {one} to {deep} does not cut the error ({err_one} → {err_deep}) and costs the same per month"
    ),
    "cost.verdict.main.alone": "With {who} the error is {err} at {money} a month",
    "cost.verdict.dec.same.dearer": "; {dec} (error {err_dec}) is as accurate but {ratio} times dearer per signal",
    "cost.verdict.dec.same.cheaper": "; {dec} (error {err_dec}) is as accurate and {ratio} times cheaper per signal",
    "cost.verdict.dec.same.same": "; {dec} (error {err_dec}) is as accurate at about the same cost per signal",
    "cost.verdict.dec.better.dearer": "; {dec} is more accurate (error {err_dec}) but {ratio} times dearer per signal",
    "cost.verdict.dec.better.cheaper": "; {dec} is more accurate (error {err_dec}) and {ratio} times cheaper per signal",
    "cost.verdict.dec.better.same": "; {dec} is more accurate (error {err_dec}) at about the same cost per signal",
    "cost.verdict.dec.worse.dearer": "; {dec} is less accurate (error {err_dec}) and {ratio} times dearer per signal",
    "cost.verdict.dec.worse.cheaper": "; {dec} is less accurate (error {err_dec}) but {ratio} times cheaper per signal",
    "cost.verdict.dec.worse.same": "; {dec} is less accurate (error {err_dec}) at about the same cost per signal",
}

JA = {
    "costpage.title": "いくらかかるか？",
    "costpage.intro": (
        "パイロットの第3ステップ：このサーバーで実測した各モデルと従来の復元法の学習時間と復元速度を、"
        "自社の処理量と単価で金額に換算します。"
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
    "costpage.col.name": "モデル・手法",
    "costpage.col.params": "パラメータ数（計数）",
    "costpage.col.macs": "1信号あたりの積和演算（計数）",
    "costpage.col.train": "学習秒数（実測）",
    "costpage.col.rate": "毎秒の信号数（実測）",
    "costpage.col.memory": "メモリ MB（推定）",
    "costpage.col.error": "RMS相対誤差（実測）",
    "costpage.col.hours": "月あたりCPU時間（推定）",
    "costpage.col.monthly": "月額コスト（推定）",
    "costpage.col.per_volume": "復元{volume}件あたり（推定）",
    "costpage.note": (
        "計数：層の形から数えた値。実測：このサーバーで1ジョブ1CPUスレッドで測定。推定：メモリは層の形から、"
        "金額は実測時間 × 処理量 × 単価。復元あたりの金額は復元のみで、学習は再学習ごとにかかります。"
    ),
    "costpage.download": "コスト表をダウンロード（CSV）",
    "costpage.bad_input": "この入力は使えません：{detail}",
    "cost.col.model": "モデル",
    "cost.col.params": "パラメータ数",
    "cost.col.macs": "1件あたりの積和演算数",
    "cost.col.train_seconds": "学習時間（秒）",
    "cost.col.throughput": "処理速度（件/秒）",
    "cost.col.memory": "メモリ",
    "cost.col.error": "相対誤差（RMS）",
    "cost.col.monthly_cpu_hours": "月間CPU時間",
    "cost.col.monthly_cost": "月額コスト",
    "cost.col.per_1000": "1,000件あたりのコスト",
    "cost.col.provenance": "数値の出所",
    "cost.prov.counted": "構造から算出",
    "cost.prov.measured": "実測",
    "cost.prov.estimated": "推定",
    "cost.prov.not_applicable": "該当なし",
    "cost.input.signals_per_day": "1日あたりの復元件数",
    "cost.input.retrainings_per_month": "月あたりの再学習回数",
    "cost.input.price_per_cpu_hour": "CPU 1時間あたりの単価",
    "cost.input.currency": "通貨",
    "cost.note.counted": "層の形から算出：パラメータ数と積和演算数は厳密な値。",
    "cost.note.measured": "このマシンで実測（1ジョブ1 CPUスレッド、複数回の最速値）。",
    "cost.note.memory": (
        "推定値：float32の重み（学習時は勾配とAdamの2つのモーメントを含む）と中間出力の合計。"
        "PythonとPyTorch本体（約300 MB）は含まない。"
    ),
    "cost.note.price": "CPU 1時間あたりの単価は入力値による想定です。既定値（{price}）はクラウドのvCPU 1時間のおおよその従量料金です。",
    "cost.note.per_1000": "1,000件あたりのコストは復元（推論）だけの金額です。学習のコストは月額に含めています。",
    "cost.who.depth1": "隠れ層1層",
    "cost.who.depth": "隠れ層{depth}層",
    "cost.who.hand_built": "手設計の2層ネット",
    "cost.who.normalised": "入力を正規化した1層ネット",
    "cost.who.bp": "基底追跡",
    "cost.who.bpdn": "オラクルλのBPDN",
    "cost.who.omp": "OMP法",
    "cost.who.lasso": "固定λのLASSO",
    "cost.verdict.sentence": "{main}{decoder}。",
    "cost.verdict.empty": "比較できる結果はまだありません（誤差を計算できたモデルも復元法もありません）。",
    "cost.verdict.main.better_dearer": "{one}から{deep}に変えると、誤差は{err_one}から{err_deep}に下がり、月額は{money}増えます",
    "cost.verdict.main.better_cheaper": "{one}から{deep}に変えると、誤差は{err_one}から{err_deep}に下がり、月額も{money}下がります",
    "cost.verdict.main.better_same": "{one}から{deep}に変えると、誤差は{err_one}から{err_deep}に下がり、月額は変わりません",
    "cost.verdict.main.worse_dearer": "{one}から{deep}に変えても誤差は下がらず（{err_one}→{err_deep}）、月額は{money}増えます",
    "cost.verdict.main.worse_cheaper": "{one}から{deep}に変えても誤差は下がりません（{err_one}→{err_deep}）が、月額は{money}下がります",
    "cost.verdict.main.worse_same": "{one}から{deep}に変えても誤差は下がらず（{err_one}→{err_deep}）、月額も変わりません",
    "cost.verdict.main.alone": "{who}の誤差は{err}、月額は{money}です",
    "cost.verdict.dec.same.dearer": "（{dec}は誤差{err_dec}で精度は同等ですが、1件あたりのコストは{ratio}倍）",
    "cost.verdict.dec.same.cheaper": "（{dec}は誤差{err_dec}で精度は同等、しかも1件あたりのコストは{ratio}分の1）",
    "cost.verdict.dec.same.same": "（{dec}は誤差{err_dec}で、精度も1件あたりのコストもほぼ同等）",
    "cost.verdict.dec.better.dearer": "（{dec}は誤差{err_dec}とより正確ですが、1件あたりのコストは{ratio}倍）",
    "cost.verdict.dec.better.cheaper": "（{dec}は誤差{err_dec}とより正確で、1件あたりのコストも{ratio}分の1）",
    "cost.verdict.dec.better.same": "（{dec}は誤差{err_dec}とより正確で、1件あたりのコストはほぼ同じ）",
    "cost.verdict.dec.worse.dearer": "（{dec}は誤差{err_dec}と精度で劣り、1件あたりのコストも{ratio}倍）",
    "cost.verdict.dec.worse.cheaper": "（{dec}は誤差{err_dec}と精度で劣りますが、1件あたりのコストは{ratio}分の1）",
    "cost.verdict.dec.worse.same": "（{dec}は誤差{err_dec}と精度で劣り、1件あたりのコストはほぼ同じ）",
}

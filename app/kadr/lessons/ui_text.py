"""Words of the lesson panel and engine, in every language, until the lead moves them into
``kadr/locale/<code>.json`` (then tr() finds them first and this table is never used).

``ui()`` is tr() with a fallback to the table below; ``ui_speech()`` gives the Japanese kana
reading for speaking (tr_speech first).
"""

from __future__ import annotations

from kadr.i18n import language, tr, tr_speech

# English source text -> (ru, kk, ko, ja)
TABLE: dict[str, tuple[str, str, str, str]] = {
    "Say it again": ("Сказать ещё раз", "Қайта айту", "다시 듣기", "もう いちど きく"),
    "Hear this step again": ("Послушать этот шаг ещё раз", "Бұл қадамды қайта тыңдау",
                             "이 단계를 다시 들어요", "この ステップを もう いちど きく"),
    "Hint": ("Подсказка", "Кеңес", "힌트", "ヒント"),
    "Show a hint for this step": ("Показать подсказку к этому шагу", "Осы қадамға кеңес көрсету",
                                  "이 단계의 힌트를 보여 줘요", "この ステップの ヒントを みる"),
    "Back": ("Назад", "Артқа", "뒤로", "もどる"),
    "Go back to the step before": ("Вернуться к прошлому шагу", "Алдыңғы қадамға оралу",
                                   "앞 단계로 돌아가요", "まえの ステップに もどる"),
    "Next": ("Далее", "Келесі", "다음", "つぎへ"),
    "Go to the next step": ("Перейти к следующему шагу", "Келесі қадамға өту",
                            "다음 단계로 가요", "つぎの ステップへ いく"),
    "Your teacher has switched off skipping.": (
        "Учитель выключил пропуск шагов.", "Мұғалім қадамды өткізуді өшірді.",
        "선생님이 건너뛰기를 껐어요.", "せんせいが とばす ことを とめて います。"),
    "Step {number} of {count}": ("Шаг {number} из {count}", "{number}-қадам, барлығы {count}",
                                 "{count}단계 중 {number}단계", "{count}この うち {number}ばんめ"),
    "You got a star!": ("Тебе звёздочка!", "Саған жұлдыз!", "별을 받았어요!", "ほしを もらったよ！"),
    "You finished the lesson!": ("Урок пройден!", "Сабақ бітті!", "수업을 다 했어요!",
                                 "レッスンが おわったよ！"),
    "Stars: {count}": ("Звёзды: {count}", "Жұлдыздар: {count}", "별: {count}", "ほし: {count}"),
    "Picture for this step": ("Картинка к этому шагу", "Осы қадамның суреті", "이 단계의 그림",
                              "この ステップの え"),
    "Lessons": ("Уроки", "Сабақтар", "수업", "レッスン"),
    "Choose a lesson": ("Выбери урок", "Сабақты таңда", "수업을 고르세요", "レッスンを えらんでね"),
    "Start lesson": ("Начать урок", "Сабақты бастау", "수업 시작", "はじめる"),
    "Start the chosen lesson": ("Начать выбранный урок", "Таңдалған сабақты бастау",
                                "고른 수업을 시작해요", "えらんだ レッスンを はじめる"),
    "Done": ("Пройден", "Өтті", "완료", "できた"),
    "Not done yet": ("Ещё не пройден", "Әлі өтпеді", "아직 안 했어요", "まだ"),
    "{title}. {status}. Stars: {count}": ("{title}. {status}. Звёзды: {count}",
                                          "{title}. {status}. Жұлдыздар: {count}",
                                          "{title}. {status}. 별: {count}",
                                          "{title}。 {status}。 ほし: {count}"),
    "My journey": ("Мой путь", "Менің жолым", "나의 여정", "わたしの あゆみ"),
    "Lessons you finished, with their stars": (
        "Пройденные уроки и звёзды", "Аяқталған сабақтар мен жұлдыздар", "끝낸 수업과 별",
        "おわった レッスンと ほし"),
    "No lessons finished yet.": ("Пока нет пройденных уроков.", "Әзірге аяқталған сабақ жоқ.",
                                 "아직 끝낸 수업이 없어요.", "まだ おわった レッスンは ないよ。"),
    "Your lesson stars could not be read. They start again from zero.": (
        "Не получилось прочитать звёзды за уроки. Они начнутся заново с нуля.",
        "Сабақ жұлдыздарын оқу мүмкін болмады. Олар нөлден қайта басталады.",
        "수업 별 기록을 읽을 수 없었어요. 처음부터 다시 시작해요.",
        "レッスンの ほしの きろくが よめなかったよ。 さいしょから はじめるね。"),
    "Your stars could not be saved. Ask a teacher for help.": (
        "Не получилось сохранить звёзды. Попроси учителя помочь.",
        "Жұлдыздарды сақтау мүмкін болмады. Мұғалімнен көмек сұра.",
        "별을 저장할 수 없었어요. 선생님께 도와 달라고 하세요.",
        "ほしを ほぞん できなかったよ。 せんせいに きいてね。"),
}
_COLUMN = {"ru": 0, "kk": 1, "ko": 2, "ja": 3}


def ui(text: str, **values: object) -> str:
    """``text`` in the current language: the catalogue first, then this module's table."""
    out = tr(text, **values)
    lang = language()
    if out == (text.format(**values) if values else text) and lang in _COLUMN and text in TABLE:
        out = TABLE[text][_COLUMN[lang]]
        out = out.format(**values) if values else out
    return out


def ui_speech(text: str, **values: object) -> str:
    """What to say aloud for ``text`` (the kana reading in Japanese, which this table's
    Japanese already is)."""
    spoken = tr_speech(text, **values)
    if spoken != tr(text, **values):
        return spoken
    return ui(text, **values)

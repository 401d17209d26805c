"""The fixed sentences an answer is built from, in the six UN languages (English when a language is missing)."""

from __future__ import annotations

from collections.abc import Sequence

_PHRASES: dict[str, dict[str, str]] = {
    "reports_say": {
        "en": "The reports say:",
        "zh": "报告中的相关内容：",
        "fr": "Les rapports indiquent :",
        "es": "Los informes dicen:",
        "ru": "В докладах говорится:",
        "ar": "تقول التقارير:",
    },
    "not_in_documents": {
        "en": "The documents do not say.",
        "zh": "文件中没有说明这一点。",
        "fr": "Les documents ne le disent pas.",
        "es": "Los documentos no lo dicen.",
        "ru": "В документах об этом не говорится.",
        "ar": "لا تذكر الوثائق ذلك.",
    },
    "closest": {
        "en": "The closest passages are listed below for you to check.",
        "zh": "下面列出最接近的段落，供您核对。",
        "fr": "Les passages les plus proches sont indiqués ci-dessous pour vérification.",
        "es": "A continuación figuran los pasajes más cercanos para que los compruebe.",
        "ru": "Ниже приведены наиболее близкие фрагменты для проверки.",
        "ar": "ترد أدناه أقرب الفقرات للتحقق منها.",
    },
    "no_reply": {
        "en": "The documents contain no reply from {names}{scope}.",
        "zh": "文件中没有{names}的答复{scope}。",
        "fr": "Les documents ne contiennent aucune réponse de {names}{scope}.",
        "es": "Los documentos no contienen ninguna respuesta de {names}{scope}.",
        "ru": "В документах нет ответа от {names}{scope}.",
        "ar": "لا تتضمن الوثائق أي رد من {names}{scope}.",
    },
    "in_document": {
        "en": " in {doc}",
        "zh": "（{doc}）",
        "fr": " dans le document {doc}",
        "es": " en el documento {doc}",
        "ru": " в документе {doc}",
        "ar": " في الوثيقة {doc}",
    },
    "not_mentioned": {
        "en": "The documents do not mention {names}.",
        "zh": "文件中没有提到{names}。",
        "fr": "Les documents ne mentionnent pas {names}.",
        "es": "Los documentos no mencionan a {names}.",
        "ru": "В документах не упоминается {names}.",
        "ar": "لا تذكر الوثائق {names}.",
    },
    "list_oppose": {
        "en": "{count} {kinds} in {doc} oppose resolution {resolution} or reject its premise: {list}.",
        "zh": "{doc}中反对第{resolution}号决议或否定其前提的{kinds}（{count}个）：{list}。",
        "fr": "{count} {kinds} s'opposent, dans {doc}, à la résolution {resolution} ou en rejettent la prémisse : {list}.",
        "es": "{count} {kinds} se oponen, en {doc}, a la resolución {resolution} o rechazan su premisa: {list}.",
        "ru": "{count} {kinds} в документе {doc} выступают против резолюции {resolution} или отвергают ее посылку: {list}.",
        "ar": "{count} من {kinds} في {doc} تعارض القرار {resolution} أو ترفض فرضيته: {list}.",
    },
    "list_support": {
        "en": "{count} {kinds} in {doc} express support for resolution {resolution}: {list}.",
        "zh": "{doc}中表示支持第{resolution}号决议的{kinds}（{count}个）：{list}。",
        "fr": "{count} {kinds} expriment, dans {doc}, leur appui à la résolution {resolution} : {list}.",
        "es": "{count} {kinds} expresan, en {doc}, su apoyo a la resolución {resolution}: {list}.",
        "ru": "{count} {kinds} в документе {doc} поддерживают резолюцию {resolution}: {list}.",
        "ar": "{count} من {kinds} في {doc} تؤيد القرار {resolution}: {list}.",
    },
    "list_sponsor": {
        "en": "{count} {kinds} in {doc} say they sponsored or co-sponsored resolution {resolution}: {list}.",
        "zh": "{doc}中称自己是第{resolution}号决议提案国或共同提案国的{kinds}（{count}个）：{list}。",
        "fr": "{count} {kinds} indiquent, dans {doc}, avoir présenté ou coparrainé la résolution {resolution} : {list}.",
        "es": "{count} {kinds} dicen, en {doc}, haber presentado o copatrocinado la resolución {resolution}: {list}.",
        "ru": "{count} {kinds} в документе {doc} сообщают, что были авторами или соавторами резолюции {resolution}: {list}.",
        "ar": "{count} من {kinds} في {doc} تقول إنها قدمت القرار {resolution} أو شاركت في تقديمه: {list}.",
    },
    "list_replied": {
        "en": "{count} {kinds} sent replies reproduced in {doc}: {list}.",
        "zh": "{doc}收录了{count}个{kinds}的答复：{list}。",
        "fr": "{doc} reproduit les réponses de {count} {kinds} : {list}.",
        "es": "{doc} reproduce las respuestas de {count} {kinds}: {list}.",
        "ru": "В документе {doc} приводятся ответы {count} {kinds}: {list}.",
        "ar": "تتضمن {doc} ردود {count} من {kinds}: {list}.",
    },
    "list_language": {
        "en": "{count} {kinds} in {doc} replied in {language}: {list}.",
        "zh": "{doc}中以{language}提交答复的{kinds}（{count}个）：{list}。",
        "fr": "{count} {kinds} ont répondu en {language} dans {doc} : {list}.",
        "es": "{count} {kinds} respondieron en {language} en {doc}: {list}.",
        "ru": "{count} {kinds} в документе {doc} ответили на {language}: {list}.",
        "ar": "{count} من {kinds} في {doc} ردت باللغة {language}: {list}.",
    },
    "list_mention": {
        "en": "{count} {kinds} in {doc} mention {topic}: {list}.",
        "zh": "{doc}中提到{topic}的{kinds}（{count}个）：{list}。",
        "fr": "{count} {kinds} mentionnent {topic} dans {doc} : {list}.",
        "es": "{count} {kinds} mencionan {topic} en {doc}: {list}.",
        "ru": "{count} {kinds} в документе {doc} упоминают {topic}: {list}.",
        "ar": "{count} من {kinds} في {doc} تذكر {topic}: {list}.",
    },
    "list_none": {
        "en": "None of the replies in {doc} show this.",
        "zh": "{doc}中没有任何答复表明这一点。",
        "fr": "Aucune des réponses figurant dans {doc} ne le montre.",
        "es": "Ninguna de las respuestas de {doc} lo muestra.",
        "ru": "Ни один из ответов в документе {doc} этого не показывает.",
        "ar": "لا يظهر ذلك في أي من الردود الواردة في {doc}.",
    },
}

_KINDS: dict[str, dict[str, str]] = {
    "state": {"en": "states", "zh": "国家", "fr": "États", "es": "Estados", "ru": "государств", "ar": "الدول"},
    "organization": {
        "en": "organizations",
        "zh": "组织",
        "fr": "organisations",
        "es": "organizaciones",
        "ru": "организаций",
        "ar": "المنظمات",
    },
    "any": {
        "en": "respondents",
        "zh": "答复方",
        "fr": "répondants",
        "es": "respondientes",
        "ru": "респондентов",
        "ar": "الجهات المجيبة",
    },
}

_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
    "ru": {
        "ar": "арабском языке",
        "zh": "китайском языке",
        "en": "английском языке",
        "fr": "французском языке",
        "ru": "русском языке",
        "es": "испанском языке",
    },
    "ar": {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية", "ru": "الروسية", "es": "الإسبانية"},
}

_LIST_SEPARATOR = {"zh": "、", "ar": "، "}


def phrase(key: str, in_language: str, **values: str | int) -> str:
    table = _PHRASES[key]
    return table.get(in_language, table["en"]).format(**values)


def kinds(kind: str, language: str) -> str:
    table = _KINDS[kind]
    return table.get(language, table["en"])


def language_name(code: str, in_language: str) -> str:
    return _LANGUAGE_NAMES.get(in_language, _LANGUAGE_NAMES["en"]).get(code, code)


def join_list(parts: Sequence[str], language: str) -> str:
    return _LIST_SEPARATOR.get(language, ", ").join(parts)


def language_name_prompt(code: str) -> str:
    """The language's English name, for instructions to the model ("Write the answer in Spanish")."""
    return _LANGUAGE_NAMES["en"].get(code, "the language of the question")


SOURCES = {
    "en": "Sources",
    "zh": "出处",
    "fr": "Sources",
    "es": "Fuentes",
    "ru": "Источники",
    "ar": "المصادر",
}

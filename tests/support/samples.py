"""Report samples as PDF extraction gives them, shared by the parser, reload and widget tests."""

from pathlib import Path

ZH_SAMPLE = """  一. 导言 

1. 大会在第 76/234 号决议中，请秘书长征求会员国的意见，并向大会第七十

七届会议提交报告。 

https://undocs.org/ch/A/RES/76/234
https://undocs.org/ch/A/RES/76/234

 A/77/96 

5/15 22-08575 

2. 收到的答复载于下文第二节。 

 二. 答复 

 A. 各国政府 

  澳大利亚 

[原件：英文] 

[2022 年 5 月 19 日] 

 澳大利亚提议召开了一次 15 个国家的非正式会议，以协调各国的出口管制

清单。1 与会者一致认为化学武器的扩散构成了严重的国际安全挑战。 

__________________ 

 1 澳大利亚、比利时、加拿大、丹麦、法国、德国、希腊、爱尔兰、意大利、日本、卢森堡、荷

兰、新西兰、英国、美国。 

  澳大利亚集团不应妨碍合法贸易，出口管制决定仍然是个别出口国的专属主权。 

  中国 

[原件：中文] 

[2022 年 4 月 22 日] 

 A. 概述 

 中国一贯支持和平利用国际合作。 

 B. 基本原则 

1. 践行真正的多边主义，切实保障各国共同享有和平利用科技的权利。会议推迟至 2021 年

4 月举行。 

2. 平衡处理和平利用与防扩散出口管制的关系。 

 (a) 第一项措施； 

 (b) 第二项措施。 

 B. 欧洲联盟 

[原件：英文] 

[2022 年 5 月 31 日] 

 欧洲联盟支持多边出口管制制度。 
"""


EN_SAMPLE = """  I. Introduction

1. The General Assembly, in its resolution 76/234, requested the Secretary-General to seek the views of Member States on international coopera-
tion for peaceful purposes.

https://undocs.org/en/A/RES/76/234

 A/77/96 

2/68 22-09134 

2. The replies received are reproduced in section II below.

 II. Replies received

 A. Governments

  Australia

[Original: English]

[19 May 2022]

 Australia makes the following comments in its national capacity. Export con-
trols do not impede peaceful uses of materials and technology. Non-
proliferation is essential.1

__________________

 1 See www.australiagroup.net for the
control lists.

 The Australia Group was established in 1985.

  Cuba

[Original: Spanish]

[31 May 2022]

 Cuba rejects unilateral coercive measures.

 B. European Union

[Original: English]

[31 May 2022]

 The European Union supports export controls.
"""


# The same layout in Russian, Spanish and Arabic: part headings, name lines, "[Original: …]" and date lines and
# item markers as each language's UN reports write them.
RU_SAMPLE = """  I. Введение

1. В своей резолюции 76/234 Генеральная Ассамблея просила Генерального секретаря запросить мнения
государств-членов.

 II. Ответы, полученные от правительств

  Австралия

[Подлинный текст на английском языке]

[19 мая 2022 года]

 Австралия представляет следующие замечания в своем национальном качестве.

  Куба

[Подлинный текст на испанском языке]

[31 мая 2022 года]

 Куба отвергает односторонние принудительные меры:

 a) первая мера;

 b) вторая мера.

 III. Ответ, полученный от Европейского союза

[Подлинный текст на английском языке]

[30 мая 2022 года]

 Европейский союз поддерживает многосторонние режимы экспортного контроля.
"""

ES_SAMPLE = """  I. Introducción

1. En su resolución 76/234, la Asamblea General solicitó al Secretario General que recabara las opi-
niones de los Estados Miembros.

 II. Respuestas recibidas de los Gobiernos

  Australia

[Original: inglés]

[19 de mayo de 2022]

 Australia formula las siguientes observaciones a título nacional.

  Cuba

[Original: español]

[31 de mayo de 2022]

 Cuba rechaza las medidas coercitivas unilaterales:

 a) la primera medida;

 b) la segunda medida.
"""

AR_SAMPLE = """  أولا - مقدمة

1 - طلبت الجمعية العامة في قرارها 76/234 إلى الأمين العام أن يلتمس آراء الدول الأعضاء.

 ثانيا - الردود الواردة من الحكومات

  أستراليا

[الأصل: بالإنكليزية]

[19 أيار/مايو 2022]

 تقدم أستراليا التعليقات التالية بصفتها الوطنية.

  كوبا

[الأصل: بالإسبانية]

[31 أيار/مايو 2022]

 ترفض كوبا التدابير القسرية الانفرادية:

 (أ) التدبير الأول؛

 (ب) التدبير الثاني.

 ثالثا - الرد الوارد من الاتحاد الأوروبي

[الأصل: بالإنكليزية]

[30 أيار/مايو 2022]

 يؤيد الاتحاد الأوروبي النظم المتعددة الأطراف لمراقبة الصادرات.
"""

# A few paragraphs of A/77/96 in Chinese, English and French (tests/data/parallel/corpus.yaml says what they are).
PARALLEL_SAMPLES = Path(__file__).resolve().parents[1] / "data" / "parallel"

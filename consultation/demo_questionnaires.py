"""The six demo questionnaires and the theme vocabulary their open answers are written from.

Data only (French); the generator is ``demo.py``, the sentence grammar ``demo_text.py``.

Questionnaires are written in a small line format, one theme a ``[theme_id]`` section:
- ``kind | label`` starts a question (``open <angle> <rate> | label`` for open ones: the angle
  says which kind of sentence answers lean on, the rate how often the question is answered);
  an indented line continues the label;
- ``- choice = w`` lists a closed question's choices with a weight for everybody (the generator
  tilts it a little per profile), or ``- choice = w_pro w_num w_cit`` when the profile contrast
  is part of the story (e.g. digital actors use AI far more than citizens).
"""

from __future__ import annotations

from dataclasses import dataclass

PROFILE_ORDER = ("professionnel", "numerique", "citoyen")


@dataclass(frozen=True)
class Question:
    kind: str  # open | single | multiple | scale | yes_no
    label: str
    choices: tuple[str, ...] = ()
    weights: tuple[tuple[float, ...], ...] = ()  # one tuple a profile, in PROFILE_ORDER
    tilt: bool = False  # same weights for everybody: the generator tilts them a little per profile
    angle: str = ""
    rate: float = 0.0


def parse_questionnaires(text: str) -> dict[str, tuple[Question, ...]]:
    themes: dict[str, list[dict]] = {}
    current: list[dict] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("["):
            current = themes.setdefault(line.strip("[]"), [])
        elif line.startswith("- "):
            label, _, weights = line[2:].rpartition(" = ")
            current[-1]["choices"].append((label, [float(w) for w in weights.split()]))
        elif raw.startswith("  "):
            current[-1]["label"] += " " + line
        else:
            head, _, label = line.partition(" | ")
            kind, *opts = head.split()
            current.append({"kind": kind, "label": label, "choices": [], "opts": opts})
    out = {}
    for theme, questions in themes.items():
        out[theme] = tuple(_question(q) for q in questions)
    return out


def _question(q: dict) -> Question:
    if q["kind"] == "open":
        return Question("open", q["label"], angle=q["opts"][0], rate=float(q["opts"][1]))
    labels = tuple(c[0] for c in q["choices"])
    columns = [c[1] * 3 if len(c[1]) == 1 else c[1] for c in q["choices"]]
    uniform = all(len(c[1]) == 1 for c in q["choices"])
    weights = tuple(tuple(col[p] for col in columns) for p in range(3))
    return Question(q["kind"], q["label"], labels, weights, tilt=uniform)


def sections(text: str, sep: str | None = " ; ") -> dict[str, tuple[str, ...]]:
    """``[name]`` headers followed by items, one a line or separated by ``sep`` on a line."""
    out: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line.startswith("["):
            current = out.setdefault(line.strip("[]"), [])
        elif line:
            current.extend(item.strip() for item in (line.split(sep) if sep else [line]))
    return {k: tuple(v) for k, v in out.items()}


QUESTIONNAIRES = parse_questionnaires(
    """
[metavers]
single | Quel est votre niveau de familiarité avec les métavers et les mondes virtuels ?
- Je n'en ai jamais entendu parler = 8 1 14
- J'en ai entendu parler sans les avoir essayés = 45 12 50
- Je les ai déjà essayés = 30 30 26
- Je les utilise régulièrement = 7 25 8
- J'y travaille ou j'y développe des projets = 10 32 2
yes_no | Avez-vous déjà visité une exposition ou assisté à un spectacle dans un environnement virtuel ?
- Oui = 38 62 27
- Non = 62 38 73
multiple | Quelles expériences culturelles immersives vous semblent les plus prometteuses ?
- Visites virtuelles de musées et de monuments = 10
- Concerts et spectacles en réalité virtuelle = 5
- Reconstitutions historiques en 3D = 8
- Médiation culturelle en réalité augmentée = 6
- Création artistique collaborative en ligne = 4
- Jeux vidéo à dimension patrimoniale = 3
open opportunites 0.82 | Quelles opportunités le métavers offre-t-il, selon vous, aux institutions
  et aux créateurs culturels ?
scale | Dans quelle mesure le métavers peut-il renouveler la relation des publics à la culture ?
  (1 = pas du tout, 5 = tout à fait)
- 1 = 14 4 22
- 2 = 26 10 26
- 3 = 30 24 28
- 4 = 20 36 16
- 5 = 10 26 8
multiple | Quels risques vous paraissent les plus importants ?
- Fracture numérique et inégalités d'accès = 9
- Domination des grandes plateformes privées = 8
- Impact environnemental = 7
- Protection des données personnelles = 6
- Perte du lien physique avec les œuvres = 7
- Atteintes au droit d'auteur = 4
open freins 0.72 | Quels freins rencontrez-vous, ou anticipez-vous, pour développer des projets
  culturels dans le métavers ?
single | Quel rôle le ministère de la Culture devrait-il jouer ?
- Financer des projets pilotes = 24 36 12
- Définir un cadre de régulation = 18 10 30
- Accompagner et former les acteurs = 36 22 20
- Créer un métavers culturel public = 10 18 14
- Ne pas intervenir = 12 14 24
open exemples 0.58 | Pouvez-vous citer des projets ou des expériences inspirants, en France ou à
  l'étranger ?
open libre 0.55 | Avez-vous d'autres remarques ou propositions sur le métavers culturel ?
[creation]
single | Dans votre pratique, quelle place occupent les outils numériques ?
- Aucune = 3 1 8
- Une place marginale = 17 4 24
- Une place importante = 42 25 28
- Une place centrale = 33 66 10
- Je ne suis pas concerné(e) = 5 4 30
multiple | Quels outils ou technologies utilisez-vous pour créer ou diffuser ?
- Logiciels de création (image, son, vidéo) = 10
- Réseaux sociaux = 10
- Plateformes de diffusion en ligne = 7
- Réalité virtuelle ou augmentée = 3
- Intelligence artificielle générative = 4
- Programmation et art génératif = 3
- NFT et chaînes de blocs = 1
open constat 0.84 | Comment le numérique transforme-t-il les processus de création artistique ?
scale | Les artistes sont-ils suffisamment rémunérés pour la diffusion numérique de leurs œuvres ?
  (1 = pas du tout, 5 = tout à fait)
- 1 = 46 24 30
- 2 = 30 30 30
- 3 = 15 26 24
- 4 = 6 14 11
- 5 = 3 6 5
yes_no | Avez-vous bénéficié d'un dispositif de soutien public pour un projet de création numérique ?
- Oui = 31 24 4
- Non = 69 76 96
open freins 0.7 | Quelles difficultés rencontrez-vous pour créer, produire ou diffuser des œuvres
  numériques ?
multiple | Quels soutiens seraient les plus utiles ?
- Aides à la production = 10
- Résidences d'artistes numériques = 6
- Formation aux outils = 7
- Accès à des équipements mutualisés = 5
- Accompagnement juridique = 4
- Aide à la diffusion internationale = 3
single | Faut-il créer un statut ou un label spécifique pour les œuvres numériques ?
- Oui, un statut spécifique = 22
- Oui, un label = 26
- Non, le cadre actuel suffit = 18
- Je ne sais pas = 34
scale | Comment évaluez-vous l'accès des artistes aux outils et aux lieux de création numérique sur
  votre territoire ? (1 = très insuffisant, 5 = très satisfaisant)
- 1 = 18
- 2 = 32
- 3 = 30
- 4 = 15
- 5 = 5
open propositions 0.68 | Quelles mesures proposeriez-vous pour mieux accompagner la création en
  environnement numérique ?
open libre 0.5 | Souhaitez-vous ajouter un commentaire ?
[ecologie]
scale | Selon vous, l'impact environnemental du numérique culturel est-il un enjeu important ? (1 =
  pas du tout, 5 = très important)
- 1 = 3 5 3
- 2 = 8 12 6
- 3 = 22 28 17
- 4 = 37 33 34
- 5 = 30 22 40
yes_no | Votre structure a-t-elle déjà mesuré l'empreinte environnementale de ses activités numériques ?
- Oui = 18 34 6
- Non = 82 66 94
multiple | Quelles sources d'impact vous semblent prioritaires ?
- Renouvellement des équipements = 10
- Streaming vidéo et audio = 9
- Stockage des données = 7
- Sites web et applications = 4
- Intelligence artificielle = 5
- Déplacements évités grâce au numérique = 3
open pratiques 0.8 | Quelles pratiques de sobriété numérique avez-vous mises en place, ou
  pourriez-vous mettre en place ?
single | Qui doit porter en priorité l'effort de réduction de l'impact ?
- Les plateformes et les fabricants = 30 22 36
- Les institutions culturelles = 8 14 8
- Les pouvoirs publics = 18 16 20
- Les usagers = 6 10 8
- Tous de manière partagée = 38 38 28
open freins 0.66 | Quels obstacles freinent l'écoconception des services numériques culturels ?
multiple | Quels outils vous seraient utiles ?
- Un référentiel d'écoconception pour la culture = 8
- Un calculateur d'empreinte carbone = 7
- Des formations = 7
- Des financements dédiés = 9
- Un label de services numériques responsables = 5
single | Seriez-vous prêt(e) à accepter une qualité de vidéo réduite pour limiter l'impact
  environnemental ?
- Oui, systématiquement = 22 14 28
- Oui, selon les contenus = 48 46 40
- Plutôt non = 14 22 14
- Non = 8 12 10
- Je ne sais pas = 8 6 8
open propositions 0.7 | Quelles actions le ministère devrait-il engager pour un numérique culturel
  plus responsable ?
open exemples 0.56 | Avez-vous des exemples de démarches exemplaires à partager ?
[langue]
single | À quelle fréquence utilisez-vous des outils de traduction automatique ?
- Jamais = 10 4 18
- Rarement = 26 12 30
- Chaque mois = 22 16 20
- Chaque semaine = 27 32 20
- Tous les jours = 15 36 12
scale | La langue française est-elle suffisamment présente dans les contenus et services numériques
  ? (1 = pas du tout, 5 = tout à fait)
- 1 = 20
- 2 = 33
- 3 = 27
- 4 = 14
- 5 = 6
open constat 0.83 | Quels enjeux identifiez-vous pour la langue française dans l'environnement
  numérique ?
multiple | Quelles technologies de la langue vous semblent prioritaires à soutenir ?
- Traduction automatique = 9
- Reconnaissance et synthèse vocales = 6
- Correcteurs et assistants d'écriture = 6
- Outils pour les langues régionales = 5
- Sous-titrage automatique = 7
- Terminologie et enrichissement de la langue = 6
yes_no | Utilisez-vous des assistants vocaux ou des agents conversationnels en français ?
- Oui = 36 71 41
- Non = 64 29 59
open propositions 0.62 | Comment mieux valoriser les langues de France (langues régionales,
  ultramarines) grâce au numérique ?
single | Quel acteur doit produire en priorité des ressources linguistiques ouvertes (corpus,
  dictionnaires) ?
- L'État et ses opérateurs = 30
- La recherche publique = 22
- Les entreprises = 6
- Les communautés de contributeurs bénévoles = 8
- Un partenariat entre tous = 34
open propositions 0.66 | Quelles actions concrètes proposez-vous pour renforcer la place du français
  dans le numérique ?
multiple | Où constatez-vous le plus l'usage de l'anglais au détriment du français ?
- Interfaces des logiciels et applications = 7
- Jeux vidéo = 5
- Vocabulaire professionnel du numérique = 10
- Plateformes de streaming = 5
- Publicité en ligne = 6
- Recherche scientifique = 4
open libre 0.48 | Avez-vous d'autres remarques ?
[archivage]
single | Quel est votre rapport à l'archivage numérique ?
- Je suis professionnel de l'archivage = 40 8 1
- Je produis des documents à archiver = 30 42 6
- Je consulte des archives en ligne = 18 20 48
- Je m'y intéresse à titre personnel = 10 25 38
- Aucun = 2 5 7
yes_no | Votre structure dispose-t-elle d'un système d'archivage électronique (SAE) ?
- Oui = 41 33 5
- Non = 59 67 95
multiple | Quels types de contenus nativement numériques vous semblent les plus menacés ?
- Sites web et réseaux sociaux = 9
- Courriels et documents bureautiques = 8
- Bases de données = 6
- Œuvres numériques et multimédias = 6
- Jeux vidéo = 3
- Données de la recherche = 5
- Photographies numériques = 7
open freins 0.8 | Quelles difficultés rencontrez-vous pour préserver les documents et données
  numériques sur le long terme ?
scale | Estimez-vous que les compétences en archivage numérique sont suffisantes dans votre secteur
  ? (1 = très insuffisantes, 5 = tout à fait suffisantes)
- 1 = 28
- 2 = 36
- 3 = 22
- 4 = 10
- 5 = 4
single | Quelle mutualisation vous paraît la plus pertinente ?
- Plateforme nationale d'archivage = 28 30 36
- Solutions régionales mutualisées = 40 22 18
- Solutions propres à chaque institution = 12 8 6
- Recours à des prestataires privés = 6 22 4
- Je ne sais pas = 14 18 36
open pratiques 0.58 | Quels formats, normes ou outils recommandez-vous ?
multiple | Quelles priorités pour l'accès aux archives numériques ?
- Numérisation des fonds = 10
- Moteurs de recherche plus performants = 7
- Ouverture des données = 6
- Accessibilité pour les personnes handicapées = 4
- Médiation auprès des publics = 4
- Transcription automatique des documents anciens = 6
open propositions 0.68 | Quelles propositions faites-vous pour une politique nationale d'archivage
  numérique ?
yes_no | Seriez-vous prêt(e) à confier vos archives personnelles numériques à une institution publique ?
- Oui = 55 44 52
- Non = 45 56 48
[donnees_ia]
yes_no | Utilisez-vous des outils d'intelligence artificielle dans votre activité ?
- Oui = 42 81 33
- Non = 58 19 67
multiple | Pour quels usages l'intelligence artificielle vous semble-t-elle utile dans la culture ?
- Documentation et indexation des collections = 9
- Recommandation de contenus = 5
- Traduction et sous-titrage = 8
- Aide à la création = 4
- Médiation et agents conversationnels = 5
- Analyse des publics = 5
- Restauration d'œuvres et de documents = 7
scale | Quel est votre niveau de confiance dans l'usage de l'IA par les institutions culturelles ?
  (1 = aucune confiance, 5 = pleine confiance)
- 1 = 16 6 22
- 2 = 26 14 28
- 3 = 32 30 28
- 4 = 20 34 16
- 5 = 6 16 6
open opportunites 0.8 | Quelles opportunités les données et l'intelligence artificielle
  ouvrent-elles pour votre secteur ?
open droits 0.7 | Quelles garanties attendez-vous en matière de droit d'auteur et de rémunération
  face à l'intelligence artificielle ?
single | Les données culturelles publiques devraient-elles être ouvertes ?
- Oui, toutes et gratuitement = 22 42 40
- Oui, avec des licences adaptées = 44 40 22
- Seulement pour la recherche = 14 6 10
- Non = 8 4 8
- Je ne sais pas = 12 8 20
multiple | Quels risques vous inquiètent le plus ?
- Atteintes au droit d'auteur = 10 4 6
- Biais et discriminations = 5 7 5
- Uniformisation culturelle = 7 3 5
- Perte d'emplois = 6 3 6
- Désinformation et hypertrucages = 6 6 9
- Dépendance aux entreprises étrangères = 6 8 5
- Protection de la vie privée = 4 5 8
single | Quelle priorité pour le ministère ?
- Réguler les usages = 30 10 32
- Former les professionnels = 24 18 10
- Financer des projets d'IA culturelle = 12 34 6
- Constituer des corpus francophones de qualité = 14 26 12
- Garantir la transparence des algorithmes = 20 12 40
open besoins 0.6 | Quels besoins avez-vous en matière de données (production, partage, qualité,
  formation) ?
scale | Vous sentez-vous suffisamment formé(e) aux enjeux des données et de l'IA ? (1 = pas du tout,
  5 = tout à fait)
- 1 = 30 4 34
- 2 = 34 10 30
- 3 = 22 24 22
- 4 = 10 38 10
- 5 = 4 24 4
open libre 0.52 | Avez-vous d'autres propositions ?

"""
)

# Noun phrases (topics, problems, examples, benefits) and infinitive phrases (actions) that the
# frames of demo_text.py combine, and short answers typical of the theme.
THEME_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "metavers": sections(
        """
[topics]
le métavers culturel ; les mondes virtuels ; la réalité virtuelle ; les expériences immersives
la réalité augmentée ; les jumeaux numériques du patrimoine ; les univers persistants
[problems]
le coût des casques de réalité virtuelle ; la dépendance aux grandes plateformes américaines
le manque de compétences en 3D dans les équipes ; l'absence de modèle économique ; la fracture numérique
l'effet de mode autour du métavers ; la collecte massive de données personnelles
le manque d'interopérabilité entre les plateformes ; la consommation énergétique des mondes virtuels
le flou juridique sur les droits des œuvres numérisées en 3D
la faible fréquentation des espaces virtuels existants
la qualité médiocre de nombreuses visites virtuelles
le manque de contenus en français dans les mondes virtuels ; la fatigue et le malaise liés aux casques
la modération des espaces virtuels ouverts au public
la durée de vie très courte des applications immersives ; le coût de maintenance des dispositifs immersifs
[actions]
financer des projets pilotes dans les musées de région
créer un espace virtuel public et ouvert pour les institutions culturelles
former les médiateurs aux technologies immersives ; mutualiser les numérisations 3D du patrimoine
soutenir les studios français de réalité virtuelle ; garantir l'interopérabilité et les standards ouverts
évaluer les usages avant d'investir ; prêter des casques aux médiathèques et aux collèges
encadrer la collecte de données dans les mondes virtuels
associer les artistes dès la conception des projets immersifs
créer un label pour les expériences immersives de qualité
soutenir la création de contenus patrimoniaux en 3D ; ouvrir les numérisations 3D des monuments au public
financer des salles immersives dans les tiers-lieux
accompagner les musées dans le choix de leurs prestataires
évaluer l'impact environnemental des mondes virtuels
développer des visites virtuelles accessibles aux personnes handicapées
associer les écoles d'art aux expérimentations
[examples]
la visite virtuelle de Notre-Dame de Paris ; les expositions immersives dans d'anciennes usines
les concerts organisés dans des jeux vidéo en ligne ; la Micro-Folie de ma commune
la reconstitution 3D de la grotte Chauvet ; les visites de châteaux en réalité augmentée
[benefits]
l'accès à des œuvres fragiles ou éloignées ; de nouvelles formes de narration
la possibilité de toucher un public jeune ; des visites à distance pour les personnes à mobilité réduite
une médiation plus ludique ; de nouvelles sources de revenus pour les créateurs
la préservation virtuelle de sites menacés ; la découverte d'œuvres dispersées dans plusieurs musées
la visite de lieux fermés au public ; une expérience partagée à distance entre amis
l'expérimentation de nouvelles écritures scéniques ; la valorisation internationale du patrimoine français
[shorts]
Effet de mode ; Beaucoup de promesses ; Pas convaincu ; À expérimenter ; Des financements
Le métavers, non merci ; Priorité aux lieux physiques
"""
    ),
    "creation": sections(
        """
[topics]
la création numérique ; les arts numériques ; l'art génératif ; la rémunération des artistes
la diffusion en ligne des œuvres ; les résidences numériques
[problems]
la précarité des artistes-auteurs ; le partage de la valeur avec les plateformes
le coût des équipements et des logiciels ; la difficulté à faire reconnaître les œuvres numériques
le manque de lieux de diffusion dédiés ; la concurrence des images générées par intelligence artificielle
l'opacité des algorithmes de recommandation ; la complexité des dossiers de subvention ; le piratage
l'obsolescence rapide des technologies utilisées par les œuvres
le manque de reconnaissance des métiers techniques ; la dépendance aux logiciels propriétaires
l'isolement des artistes en dehors des grandes villes
la faible visibilité des œuvres francophones sur les plateformes
la difficulté à vendre une œuvre numérique ; l'absence de collections publiques d'art numérique
[actions]
créer un fonds de soutien aux arts numériques ; mieux rémunérer les artistes pour la diffusion en ligne
multiplier les résidences d'artistes dans les lieux numériques ; simplifier les appels à projets
reconnaître les œuvres numériques dans la commande publique
accompagner les artistes sur les questions de droit d'auteur
ouvrir des ateliers de fabrication numérique dans les territoires
soutenir la conservation des œuvres numériques ; imposer aux plateformes un meilleur partage de la valeur
former les artistes aux outils libres ; créer un statut protecteur pour les artistes numériques
financer l'achat de matériel mutualisé ; ouvrir les écoles d'art aux outils numériques
soutenir les festivals d'arts numériques en région
rémunérer les artistes exposés en ligne par les institutions
créer une plateforme publique de diffusion des œuvres
aider les artistes à se former à l'intelligence artificielle
garantir la transparence des algorithmes de recommandation
[examples]
le festival Scopitone à Nantes ; le Centre des arts d'Enghien-les-Bains ; la Gaîté Lyrique
les résidences du Fresnoy ; les fab labs de ma région ; les aides du CNC aux œuvres immersives
[benefits]
de nouvelles formes d'écriture ; un accès direct au public ; la collaboration entre artistes à distance
des outils de création moins coûteux ; une visibilité internationale ; l'hybridation des disciplines
la rencontre avec des publics éloignés ; la possibilité de créer à plusieurs mains
une liberté de forme inédite ; des revenus complémentaires pour les artistes
la conservation numérique des processus de création
[shorts]
Rémunération juste ; Plus de résidences ; Simplifier les aides ; Soutenir les artistes
Le droit d'auteur d'abord
"""
    ),
    "ecologie": sections(
        """
[topics]
la sobriété numérique ; l'empreinte carbone du numérique ; l'écoconception ; le streaming
le numérique responsable ; la durée de vie des équipements
[problems]
le renouvellement trop rapide des équipements ; le poids croissant des vidéos en haute définition
le stockage de données inutiles ; l'absence d'indicateurs partagés
le manque de formation des équipes à l'écoconception ; la course à la haute définition
l'obsolescence logicielle ; le coût de l'écoconception pour les petites structures
le greenwashing de certains prestataires ; l'énergie consommée par l'intelligence artificielle
la multiplication des écrans dans les expositions
l'absence de données fiables sur la consommation des plateformes
le manque de prestataires formés à l'écoconception
la pression des publics pour toujours plus de contenus ; la durée de conservation illimitée des fichiers
l'impact des envois de courriels massifs
[actions]
publier un référentiel d'écoconception adapté à la culture
mesurer l'empreinte des sites des établissements publics ; allonger la durée de vie des équipements
privilégier le reconditionné dans les achats publics ; limiter la lecture automatique des vidéos
former les équipes à la sobriété numérique
conditionner les aides au respect de critères environnementaux
héberger les données dans des centres de données sobres en France ; faire le tri dans les données stockées
sensibiliser le public à l'impact du streaming ; mutualiser les serveurs entre établissements culturels
réparer le matériel plutôt que le remplacer ; proposer des versions légères des sites culturels
former les prestataires à l'écoconception
publier l'empreinte carbone des services numériques du ministère
limiter la résolution par défaut des vidéos
créer un fonds pour la sobriété numérique des petites structures
intégrer la sobriété dans les formations aux métiers de la culture
[examples]
le référentiel général d'écoconception de services numériques
la démarche de la Bibliothèque nationale de France ; les sites web allégés de certains festivals
le label Numérique Responsable ; le calculateur d'impact de l'ADEME
la politique d'achat reconditionné de ma collectivité
[benefits]
des économies d'énergie ; des sites plus rapides et plus accessibles
une meilleure image auprès des publics ; des équipements qui durent plus longtemps
une réduction des coûts d'hébergement ; une image plus responsable des institutions
des services utilisables avec une connexion lente ; moins de déchets électroniques
une meilleure maîtrise des budgets ; une sensibilisation des publics à l'écologie
[shorts]
Sobriété ; Moins de vidéo ; Réparer plutôt que remplacer ; Le reconditionné ; Mesurer d'abord
Sobriété numérique avant tout
"""
    ),
    "langue": sections(
        """
[topics]
la langue française ; les technologies de la langue ; la traduction automatique ; les langues régionales
la francophonie numérique ; les agents conversationnels
[problems]
la domination de l'anglais dans les interfaces
la faible qualité de la traduction automatique pour certaines langues
le manque de corpus francophones ouverts ; l'absence des langues régionales dans les outils courants
les anglicismes dans le vocabulaire du numérique ; le sous-titrage automatique de mauvaise qualité
la dépendance aux outils linguistiques étrangers ; la baisse du niveau en orthographe
le peu de contenus en langues régionales sur internet ; la méconnaissance des termes français recommandés
l'appauvrissement du vocabulaire ; les voix de synthèse qui écorchent les noms propres
le coût de la traduction professionnelle ; la place dominante des plateformes anglophones
[actions]
constituer des corpus ouverts en français ; soutenir les outils de traduction développés en France
imposer des interfaces en français dans les services publics
financer des outils pour les langues régionales ; promouvoir les termes recommandés par FranceTerme
créer des ressources pour apprendre le français en ligne
valoriser la diversité des français de la francophonie
soutenir la recherche en traitement automatique des langues
développer des voix de synthèse en breton, en occitan ou en créole
traduire les sites culturels publics en langues régionales
financer le sous-titrage des œuvres en français ; créer un correcteur libre et gratuit
soutenir les créateurs de contenus en français
rendre obligatoire le français dans les jeux vidéo vendus en France
ouvrir les archives sonores des langues régionales ; développer un assistant vocal public en français
soutenir les dictionnaires collaboratifs en ligne
[examples]
FranceTerme ; le Dictionnaire des francophones ; les ressources de la DGLFLF ; le projet Common Voice
les outils de correction développés au Québec ; les calandretas et les écoles Diwan
[benefits]
l'accès aux œuvres dans plusieurs langues ; la sauvegarde des langues régionales
une meilleure accessibilité pour les personnes sourdes et malentendantes
le rayonnement de la francophonie ; des outils adaptés à nos usages
des outils accessibles aux personnes qui lisent mal ; la transmission des langues aux enfants
une meilleure circulation des œuvres francophones ; la diffusion de la recherche en français
l'apprentissage du français par les nouveaux arrivants
[shorts]
Le français d'abord ; Moins d'anglicismes ; Langues régionales ; Traduction automatique ; Francophonie
"""
    ),
    "archivage": sections(
        """
[topics]
l'archivage numérique ; la conservation à long terme ; les archives nativement numériques
l'archivage du web ; les données de la recherche ; la numérisation des fonds
[problems]
l'obsolescence des formats de fichiers ; le manque d'archivistes formés au numérique
le coût du stockage sur le long terme
l'absence de système d'archivage électronique dans beaucoup de collectivités
la dispersion des données sur des plateformes privées ; la perte des métadonnées lors des migrations
la volumétrie des courriels à collecter ; le retard des versements numériques
la faible priorité donnée à l'archivage dans les budgets ; la fragilité des supports
la multiplication des applications sans fonction d'export ; l'absence de politique de nommage des fichiers
la disparition des sites web anciens ; la confusion entre sauvegarde et archivage
le renouvellement fréquent des agents ; le coût des migrations de formats
[actions]
mutualiser des plateformes d'archivage au niveau régional ; généraliser le modèle OAIS
former les producteurs d'archives à la gestion des données ; imposer des formats ouverts et pérennes
financer la numérisation des fonds fragiles ; renforcer le dépôt légal du web
accompagner les collectivités dans le choix d'un SAE
documenter les métadonnées dès la création des documents ; soutenir la solution logicielle Vitam
prévoir le versement des données des applications métier
créer un réseau national des archivistes numériques
financer des postes d'archivistes dans les petites communes
sensibiliser les élus à l'archivage électronique ; mettre en place un tiers-archivage public
archiver les réseaux sociaux des institutions ; rendre les inventaires accessibles en ligne
coordonner les archives, les bibliothèques et les musées ; prévoir l'archivage dès l'achat des logiciels
[examples]
le programme Vitam ; le dépôt légal du web à la BnF et à l'INA ; le référentiel général d'interopérabilité
le standard d'échange de données pour l'archivage ; les archives départementales de mon département
la plateforme FranceArchives
[benefits]
l'accès de tous aux sources de notre histoire ; la transparence de l'action publique
la préservation de la mémoire numérique ; la recherche à distance dans les fonds
la valorisation des fonds auprès des publics ; une recherche plus rapide pour les usagers
la sécurité juridique des collectivités ; la transmission de la mémoire locale
l'accès aux archives depuis chez soi ; des économies de stockage papier
[shorts]
Des moyens humains ; Formats ouverts ; Former les agents ; Pérennité ; Mutualiser
"""
    ),
    "donnees_ia": sections(
        """
[topics]
l'intelligence artificielle ; l'intelligence artificielle générative ; les données culturelles
l'ouverture des données ; les algorithmes de recommandation ; les métadonnées des collections
[problems]
l'utilisation des œuvres sans autorisation pour entraîner les modèles ; l'opacité des algorithmes
la qualité inégale des données ; le manque de compétences en science des données ; les biais des modèles
la dépendance aux entreprises américaines ; la concentration des données entre quelques acteurs
l'absence de rémunération des auteurs ; le risque de désinformation
le coût de l'infrastructure de calcul ; le manque de documentation des jeux de données
la confusion entre données ouvertes et données gratuites
l'absence de cadre clair sur la fouille de textes ; la surveillance des usagers par les plateformes
la perte de savoir-faire des professionnels ; la difficulté à vérifier l'origine des contenus
[actions]
garantir la transparence sur les données d'entraînement
créer un entrepôt de données culturelles ouvertes ; former les agents à l'intelligence artificielle
soutenir des modèles de langue francophones
rémunérer les auteurs dont les œuvres servent à l'entraînement
publier les collections sous licence ouverte ; mettre en place une API commune pour les données des musées
encadrer l'usage de l'IA dans les services publics culturels
imposer la mention des contenus générés par IA ; financer l'indexation automatique des collections
créer un observatoire des usages de l'IA dans la culture
financer des corpus d'entraînement respectueux du droit d'auteur
mettre en place un registre des œuvres exclues de l'entraînement
former les conservateurs à la science des données
mutualiser des capacités de calcul pour la recherche culturelle
évaluer les biais des outils de recommandation ; publier des jeux de données documentés et de qualité
associer les auteurs à la gouvernance des données
[examples]
data.culture.gouv.fr ; Gallica et ses outils de recherche ; la plateforme POP du ministère
les modèles de langue ouverts comme Bloom ; Europeana
la transcription automatique de registres paroissiaux
[benefits]
l'indexation automatique des collections ; une meilleure connaissance des publics
des recommandations plus diverses ; la traduction des contenus ; la découverte de fonds méconnus
un gain de temps sur les tâches répétitives ; la recherche dans des millions de pages numérisées
la restauration d'enregistrements anciens ; l'accessibilité des contenus pour les personnes malvoyantes
la valorisation de collections peu consultées ; des outils d'aide à la création
[shorts]
Transparence ; Protéger les auteurs ; Open data ; Régulation ; Formation ; Attention aux biais
"""
    ),
}

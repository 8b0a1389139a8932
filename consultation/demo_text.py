"""French text of the demo consultation: who writes what, and how sentences are put together.

``Writer.answer`` composes one open answer from many small parts: an opener saying who speaks
(by sector or profile), sentences built from frames filled with the theme's vocabulary
(``demo_questionnaires.THEME_WORDS``), hand-written lines per theme and profile, per sector and
per profile, connectors, closings, paragraphs and a little noise (typographic apostrophes, no
accents, lower case). Every line and frame also comes in several wordings (VARIANTS) and theme
phrases take optional complements (COMPLEMENTS), so that near-identical answers stay rare even
at a million contributions and the one planted campaign stands out. The planted realities
(campaign, personal data, hostile strings) are at the end of this module; ``demo`` re-exports
them as its public constants.
"""

from __future__ import annotations

import random
import re
from itertools import product
from math import prod

from consultation.demo_questionnaires import THEME_WORDS, sections

# Hand-written lines by "theme profile".
LINES = {
    tuple(k.split()): v
    for k, v in sections(
        """
[metavers professionnel]
Nous avons testé une visite en réalité virtuelle, mais l'entretien des casques a vite posé problème.
Le métavers ne remplacera jamais la rencontre physique avec l'œuvre.
Nos publics scolaires sont très demandeurs de dispositifs immersifs.
Numériser nos collections en 3D demanderait des moyens que nous n'avons pas.
Les institutions culturelles ne doivent pas laisser les plateformes privées définir seules ces espaces.
Un musée virtuel peut donner envie de venir au musée réel.
La médiation dans un monde virtuel reste à inventer.
[metavers numerique]
Les moteurs 3D temps réel permettent aujourd'hui des expériences de grande qualité à moindre coût.
Il faut des standards ouverts pour que les contenus circulent d'un monde virtuel à l'autre.
Les studios français de réalité virtuelle sont reconnus à l'international mais restent fragiles.
Le métavers n'est pas qu'une affaire de casques : un navigateur web suffit pour beaucoup d'usages.
Nous manquons de contenus culturels de qualité adaptés aux usages immersifs.
Les investissements publics devraient privilégier des briques techniques réutilisables.
Le modèle économique des expériences immersives reste à trouver.
[metavers citoyen]
Je n'ai jamais mis de casque de réalité virtuelle et je ne compte pas le faire.
Mon fils adore visiter des lieux historiques dans ses jeux vidéo.
Une visite virtuelle, c'est bien pour ceux qui ne peuvent pas se déplacer.
Je préfère aller au musée en vrai, avec des gens autour de moi.
Le métavers me fait un peu peur, on ne sait pas qui contrôle tout ça.
Pourquoi dépenser de l'argent public pour une mode qui passera ?
J'ai visité une exposition en réalité augmentée avec ma fille, c'était bluffant.
[creation professionnel]
Les artistes-auteurs sont les premiers à subir la baisse des revenus liée au streaming.
Les dossiers de demande d'aide prennent plus de temps que la création elle-même.
Il manque des lieux pour montrer les œuvres numériques au public.
Nos équipes techniques doivent sans cesse se former à de nouveaux logiciels.
La création numérique est encore mal reconnue par les institutions.
Le droit d'auteur doit rester la base de la rémunération des créateurs.
Les résidences sont le meilleur moyen d'accompagner les artistes sur ces outils.
[creation numerique]
Les outils de création sont accessibles, mais la diffusion reste concentrée sur quelques plateformes.
Nous développons des outils pour les artistes et constatons un vrai besoin de formation.
Le code est un matériau artistique comme un autre.
Les NFT ont suscité beaucoup d'attentes et autant de déceptions.
Les partenariats entre studios numériques et lieux culturels sont encore trop rares.
L'intelligence artificielle générative change complètement la chaîne de production.
[creation citoyen]
J'aimerais pouvoir découvrir plus facilement les artistes de ma région en ligne.
Je fais un peu de musique chez moi avec un ordinateur, c'est incroyable ce qu'on peut faire.
Les artistes devraient être mieux payés quand on écoute leur musique en ligne.
Je découvre beaucoup d'artistes grâce aux réseaux sociaux.
L'art numérique, je ne sais pas trop ce que c'est, mais ça m'intrigue.
Ma fille dessine sur tablette et rêve d'en faire son métier.
[ecologie professionnel]
Nous avons réduit le poids de notre site de moitié en supprimant les vidéos en lecture automatique.
La sobriété numérique n'est pas encore une priorité dans nos budgets.
Nos ordinateurs sont renouvelés tous les quatre ans alors qu'ils pourraient durer bien plus.
Nous manquons d'outils simples pour mesurer notre empreinte.
La captation systématique des spectacles pose la question de son impact environnemental.
L'écoconception devrait figurer dans tous les cahiers des charges.
[ecologie numerique]
L'écoconception est aussi un gage de performance et d'accessibilité.
Le choix de l'hébergeur a un impact réel sur l'empreinte carbone d'un service.
Nous mesurons la consommation de nos applications avec des outils libres.
La plus grande part de l'impact vient de la fabrication des terminaux, pas des centres de données.
Les clients publics demandent rarement des critères environnementaux dans les marchés.
Un site sobre se charge plus vite et coûte moins cher à maintenir.
[ecologie citoyen]
Je regarde moins de vidéos en haute définition depuis que je connais leur impact.
Je garde mon téléphone le plus longtemps possible.
On nous demande de faire des efforts mais les plateformes poussent à consommer toujours plus.
Il faudrait expliquer aux gens l'impact réel du streaming, je ne m'en rendais pas compte.
Mes enfants regardent des vidéos en continu, je ne sais pas comment limiter ça.
L'écologie doit passer avant la course aux nouveautés technologiques.
[langue professionnel]
Nos outils professionnels sont presque tous en anglais.
La traduction automatique nous aide, mais elle ne remplace pas un traducteur.
Nous publions nos contenus en français et en langues régionales.
Le vocabulaire technique anglais s'impose dans nos réunions sans que personne ne s'en rende compte.
Les sous-titres automatiques comportent trop d'erreurs pour être publiés tels quels.
La diversité linguistique fait partie de notre mission de service public.
[langue numerique]
Les modèles de langue sont entraînés majoritairement sur des textes en anglais.
Sans corpus francophones ouverts, nous ne pouvons pas entraîner de modèles performants.
Les outils de reconnaissance vocale comprennent mal les accents régionaux.
Nous aimerions intégrer des langues régionales à nos applications mais les données manquent.
La localisation des logiciels en français est souvent bâclée.
[langue citoyen]
J'en ai assez des mots anglais partout, même dans les administrations.
Ma grand-mère parlait occitan et j'aimerais que mes enfants puissent l'apprendre en ligne.
Le traducteur automatique m'aide beaucoup pour lire des articles étrangers.
Les assistants vocaux ne comprennent pas toujours ce que je dis.
Le français doit rester la langue des services publics, y compris en ligne.
Les jeunes écrivent de plus en plus en langage texto.
[archivage professionnel]
Nous recevons des versements numériques sans aucune métadonnée.
La collecte des courriels des élus reste un vrai chantier.
Notre service n'a qu'un seul agent formé à l'archivage électronique.
Les migrations de formats doivent être anticipées dès la création des documents.
Nous ne savons pas conserver les bases de données des applications métier.
La pérennité des données ne se décrète pas, elle se finance.
Beaucoup de collectivités n'ont toujours pas de système d'archivage électronique.
[archivage numerique]
Les solutions d'archivage doivent reposer sur des formats ouverts et documentés.
Le stockage dans le nuage n'est pas de l'archivage.
Nous proposons des solutions de conservation mais les budgets publics sont très contraints.
L'interopérabilité entre les systèmes d'archivage et les logiciels métier est insuffisante.
La signature électronique complique la conservation à long terme.
[archivage citoyen]
Je fais beaucoup de généalogie grâce aux archives numérisées.
J'ai perdu des photos de famille quand mon disque dur est tombé en panne.
Les archives en ligne de mon département sont une mine d'or.
Je me demande ce que deviendront nos messages et nos photos dans cinquante ans.
Les sites des archives sont parfois difficiles à utiliser.
Il faudrait numériser plus de registres anciens, c'est passionnant.
[donnees_ia professionnel]
Nous commençons à utiliser l'intelligence artificielle pour décrire nos collections.
Les auteurs doivent pouvoir s'opposer à l'utilisation de leurs œuvres par les IA.
Nos données sont riches mais dispersées dans des systèmes qui ne communiquent pas.
Personne dans notre structure n'a de compétence en science des données.
La traduction automatique inquiète beaucoup les traducteurs et les doubleurs.
L'IA peut nous faire gagner du temps sur les tâches répétitives de catalogage.
Nous avons peur de voir nos métiers remplacés par des outils automatiques.
[donnees_ia numerique]
Les données culturelles ouvertes sont une ressource précieuse pour les start-up.
Une API unique pour les collections publiques changerait tout.
Il faut des modèles entraînés sur des corpus francophones de qualité.
Les jeux de données publics manquent souvent de documentation.
L'IA générative ouvre un champ immense pour la médiation culturelle.
La régulation doit protéger les auteurs sans bloquer l'innovation.
Nous utilisons des modèles ouverts pour ne pas dépendre des géants américains.
[donnees_ia citoyen]
J'utilise parfois ChatGPT mais je ne lui fais pas confiance.
Je veux savoir quand un texte ou une image a été créé par une machine.
Les algorithmes me proposent toujours la même chose.
Mes données personnelles ne doivent pas être utilisées sans mon accord.
L'intelligence artificielle va transformer le travail de mes enfants.
Les artistes doivent être protégés, ce ne sont pas des machines.
C'est fascinant mais un peu inquiétant.
""",
        sep=None,
    ).items()
}
# Lines by profile, whatever the theme.
PROFILE_LINES = sections(
    """
[citoyen]
Ce qui compte pour moi, c'est que la culture reste accessible à tous, y compris en ligne.
La gratuité des ressources numériques des musées est essentielle.
Mes enfants passent beaucoup de temps sur les écrans, autant que ce soit pour découvrir la culture.
Ma médiathèque propose déjà des ressources en ligne mais personne ne le sait.
J'habite à la campagne et le numérique est souvent mon seul accès aux expositions.
Il ne faut pas oublier les personnes âgées qui ne sont pas à l'aise avec internet.
Les sites des institutions sont souvent compliqués à utiliser sur un téléphone.
Je paie déjà des abonnements à plusieurs plateformes, ça suffit.
Le service public doit proposer une alternative aux plateformes commerciales.
Je ne veux pas que mes données soient revendues quand je consulte un site culturel.
Tout le monde n'a pas une bonne connexion internet.
[numerique]
Les données doivent être accessibles via des API documentées et stables.
L'interopérabilité entre les systèmes des établissements reste le nerf de la guerre.
Les start-up françaises ont les compétences mais manquent d'accès aux marchés publics.
Le financement en amorçage reste très difficile pour les projets culturels innovants.
Les appels d'offres publics sont trop lourds pour une jeune entreprise.
Nous privilégions les logiciels libres et les standards ouverts.
Il faut sortir de la logique de prototype sans lendemain.
Un cadre clair sur les licences des données nous ferait gagner des mois.
La commande publique pourrait être un formidable levier pour l'innovation.
Les institutions culturelles manquent de profils techniques pour dialoguer avec nous.
[professionnel]
Nos équipes sont déjà très sollicitées et manquent de temps pour se former.
Les budgets de fonctionnement ne suivent pas les ambitions affichées.
Il faudrait un interlocuteur identifié au ministère pour ces questions.
Les petites structures ne peuvent pas suivre le rythme des appels à projets.
Le partage d'expériences entre établissements est précieux.
Nous avons besoin de postes pérennes, pas seulement de financements ponctuels.
Le numérique ne doit pas remplacer la relation directe avec les publics.
Les outils changent plus vite que nos capacités à les maîtriser.
""",
    sep=None,
)
# Lines by sector (professionals and digital actors).
SECTOR_LINES = sections(
    """
[archives]
La question des formats pérennes est centrale pour nous.
Le modèle OAIS reste notre référence mais sa mise en œuvre est lourde.
Sans métadonnées de qualité, un document numérique est perdu.
Les versements numériques des services producteurs arrivent souvent sans bordereau exploitable.
Nous collectons de plus en plus de courriels et de bases de données.
Le SEDA nous aide mais les éditeurs de logiciels métier ne le respectent pas toujours.
La pérennité de l'information suppose une chaîne complète, du producteur au service d'archives.
[musees_patrimoine]
Nos collections sont numérisées à moins de 30 %.
La numérisation 3D des objets coûte cher mais ouvre de nouvelles possibilités de médiation.
Les bases de collections ne sont pas toujours à jour.
Les droits photographiques sur les œuvres restent un casse-tête.
Le public attend de pouvoir préparer sa visite en ligne.
[bibliotheques]
Les usagers de la médiathèque empruntent de plus en plus de livres numériques.
Le prêt numérique en bibliothèque coûte beaucoup trop cher aux collectivités.
Nous accompagnons chaque semaine des usagers éloignés du numérique.
Les ressources numériques sont sous-utilisées faute de médiation.
Le catalogue doit être interopérable avec les autres réseaux de lecture publique.
[spectacle_vivant]
La captation des spectacles pose des questions de droits et de coûts.
Rien ne remplace le spectacle en présence du public.
Pendant la crise sanitaire, nous avons diffusé en ligne sans modèle économique.
La billetterie en ligne nous donne des données que nous ne savons pas exploiter.
[arts_visuels]
Mes images circulent sans mon accord sur les réseaux sociaux.
Le droit de présentation publique n'est presque jamais appliqué en ligne.
Je crée avec des outils numériques depuis des années sans aide spécifique.
Les galeries en ligne prennent des commissions très élevées.
[cinema_audiovisuel]
La chronologie des médias doit tenir compte des nouveaux usages.
Les plateformes de streaming captent l'essentiel de la valeur.
La restauration numérique des films anciens est une priorité.
Le sous-titrage et l'audiodescription restent trop rares.
[musique]
Le streaming rapporte quelques centimes aux musiciens.
Le modèle de rémunération au prorata favorise les artistes les plus écoutés.
Les algorithmes de recommandation mettent peu en avant la scène francophone.
Nos concerts en ligne ont touché un public nouveau mais sans revenus.
[livre_edition]
Le livre numérique reste marginal mais progresse.
La lecture publique numérique doit respecter la rémunération des auteurs.
Les fichiers EPUB accessibles devraient être la norme.
La traduction automatique inquiète beaucoup les traducteurs littéraires.
[presse_medias]
La presse locale a besoin d'outils mutualisés.
Les droits voisins ne sont toujours pas correctement payés.
La lutte contre la désinformation passe par des médias solides.
[architecture]
La maquette numérique transforme nos métiers.
La conservation des archives d'architectes nativement numériques est un défi.
Les relevés 3D du patrimoine bâti devraient être partagés.
[jeu_video]
Le jeu vidéo est un art à part entière et doit être soutenu comme tel.
Nos studios savent créer des mondes virtuels depuis vingt ans.
Le crédit d'impôt jeu vidéo a fait ses preuves.
La préservation des jeux anciens est quasi inexistante en France.
[recherche]
Les données de la recherche doivent être faciles à trouver, interopérables et réutilisables.
Les humanités numériques ont besoin d'infrastructures pérennes.
Nos projets financés sur trois ans disparaissent à la fin du contrat.
Les corpus numérisés sont une mine pour la recherche.
[eac]
Les élèves sont très réceptifs aux ateliers mêlant art et numérique.
Le pass Culture pourrait mieux valoriser les offres numériques.
Les enseignants manquent de ressources clés en main.
L'éducation aux médias et à l'information est indispensable.
[numerique_tech]
Nous développons des solutions pour les établissements culturels depuis plusieurs années.
Les cahiers des charges sont souvent flous sur l'interopérabilité.
L'hébergement souverain a un coût que les clients publics sous-estiment.
Nous publions une partie de notre code en open source.
""",
    sep=None,
)
# First sentence saying who speaks: by sector, else by profile.
# First sentence saying who speaks: by sector, else by profile. {lieu} is a place (or nothing).
OPENERS = sections(
    """
[archives]
Je suis archiviste dans un service d'archives départementales{lieu}.
Archiviste dans une collectivité{lieu}, je travaille sur la collecte des archives électroniques.
Je réponds au nom d'un service d'archives municipales{lieu}.
[musees_patrimoine]
Je travaille au service des publics d'un musée de France{lieu}.
Conservatrice dans un musée de province, je vois les attentes évoluer.
Je suis chargé des collections numériques d'un établissement patrimonial{lieu}.
[bibliotheques]
Bibliothécaire en lecture publique{lieu}, je constate chaque jour l'évolution des usages.
Je dirige une médiathèque intercommunale{lieu}.
Je travaille dans une bibliothèque universitaire{lieu}.
[spectacle_vivant]
Je suis administratrice d'une compagnie de théâtre{lieu}.
Je dirige une scène conventionnée{lieu}.
Je travaille pour un festival de musiques actuelles{lieu}.
[arts_visuels]
Je suis illustratrice indépendante{lieu}.
Artiste plasticien{lieu}, je travaille avec des outils numériques depuis des années.
Je suis photographe auteur.
[cinema_audiovisuel]
Je suis réalisateur de documentaires{lieu}.
Je travaille dans une société de production audiovisuelle{lieu}.
[musique]
Je suis musicien et compositeur{lieu}.
Je gère un petit label indépendant{lieu}.
[livre_edition]
Je suis éditrice dans une maison indépendante{lieu}.
Auteur de romans jeunesse, je vis de ma plume depuis dix ans.
Je suis traductrice littéraire.
[presse_medias]
Je suis journaliste dans un quotidien régional{lieu}.
[architecture]
Je suis architecte du patrimoine{lieu}.
[jeu_video]
Je travaille dans un studio de jeu vidéo{lieu}.
Je suis game designer indépendant.
[recherche]
Je suis enseignant-chercheur en humanités numériques{lieu}.
Doctorante en histoire, j'utilise beaucoup les archives numérisées.
[eac]
Je suis médiatrice culturelle et j'interviens en milieu scolaire{lieu}.
Professeur d'arts plastiques{lieu}, je mène des projets d'éducation artistique.
[numerique_tech]
Je dirige une start-up{lieu} qui développe des outils de médiation numérique.
Développeur dans une entreprise du numérique{lieu}, je travaille avec des musées.
Je suis consultante en transformation numérique.
[professionnel]
Je réponds à titre professionnel.
Je travaille dans le secteur culturel{lieu} depuis quinze ans.
[numerique]
Je travaille dans le numérique{lieu}.
Je réponds au nom de mon entreprise.
[citoyen]
Je suis un simple citoyen passionné de culture.
Mère de deux enfants, je m'intéresse à ces questions.
Retraité{lieu}, je fréquente beaucoup les musées et les bibliothèques.
Étudiante{lieu}, j'utilise le numérique pour presque tout.
Je suis usager de la médiathèque de ma ville.
Amateur de théâtre, je suis curieux de ces évolutions.
Je ne suis pas un spécialiste, mais le sujet m'intéresse.
Père de famille{lieu}, je vois mes enfants grandir avec les écrans.
J'habite en zone rurale{lieu}, loin des grands équipements culturels.
""",
    sep=None,
)

# Small variations of wording, so that two people using the same idea rarely write the same
# sentence: a word (or a placeholder) -> its alternatives, the word itself first. Applied to
# every hand-written line and frame when the module loads (see _variants).
VARIANTS: dict[str, tuple[str, ...]] = {
    "beaucoup trop": ("beaucoup trop", "bien trop", "vraiment trop"),
    "beaucoup": ("beaucoup", "énormément", "vraiment beaucoup"),
    "très": ("très", "vraiment", "extrêmement", "particulièrement"),
    "trop": ("trop", "bien trop", "beaucoup trop"),
    "souvent": ("souvent", "fréquemment", "régulièrement", "bien souvent"),
    "parfois": ("parfois", "souvent", "de temps en temps"),
    "encore": ("encore", "toujours"),
    "presque": ("presque", "quasiment", "pratiquement"),
    "vite": ("vite", "rapidement"),
    "vraiment": ("vraiment", "réellement", "sincèrement"),
    "surtout": ("surtout", "avant tout", "en particulier"),
    "aujourd'hui": ("aujourd'hui", "désormais", "à présent"),
    "mieux": ("mieux", "davantage"),
    "faut": ("faut", "faudrait"),
    "faudrait": ("faudrait", "faut"),
    "doit": ("doit", "devrait"),
    "doivent": ("doivent", "devraient"),
    "devraient": ("devraient", "doivent"),
    "pourrait": ("pourrait", "devrait"),
    "peut": ("peut", "pourrait"),
    "reste": ("reste", "demeure"),
    "restent": ("restent", "demeurent"),
    "vrai": ("vrai", "véritable", "réel"),
    "problème": ("problème", "souci"),
    "frein": ("frein", "obstacle", "blocage"),
    "sujet": ("sujet", "thème"),
    "chantier": ("chantier", "défi"),
    "casse-tête": ("casse-tête", "problème", "défi"),
    "utile": ("utile", "pertinent", "judicieux"),
    "urgent": ("urgent", "temps", "indispensable"),
    "indispensable": ("indispensable", "nécessaire"),
    "essentielle": ("essentielle", "primordiale", "indispensable", "cruciale"),
    "précieux": ("précieux", "indispensable"),
    "précieuse": ("précieuse", "inestimable", "indispensable"),
    "immense": ("immense", "considérable", "énorme"),
    "incroyable": ("incroyable", "impressionnant", "fou"),
    "fascinant": ("fascinant", "passionnant"),
    "inquiétant": ("inquiétant", "préoccupant"),
    "passionnant": ("passionnant", "fascinant"),
    "compliqués": ("compliqués", "difficiles", "pénibles"),
    "difficile": ("difficile", "compliqué"),
    "insuffisante": ("insuffisante", "trop faible", "largement insuffisante"),
    "fragiles": ("fragiles", "précaires"),
    "rares": ("rares", "peu nombreux"),
    "lourds": ("lourds", "complexes", "contraignants"),
    "lourde": ("lourde", "complexe", "coûteuse"),
    "contraints": ("contraints", "serrés", "limités"),
    "sollicitées": ("sollicitées", "occupées", "débordées"),
    "simples": ("simples", "faciles"),
    "formidable": ("formidable", "puissant", "véritable"),
    "outils": ("outils", "logiciels"),
    "grandes plateformes": ("grandes plateformes",),
    "plateformes": ("plateformes", "grandes plateformes"),
    "appels à projets": ("appels à projets",),  # set phrases: keep them
    "posé problème": ("posé problème",),
    "projets": ("projets", "programmes"),
    "gens": ("gens", "citoyens", "usagers"),
    "enfants": ("enfants", "ados", "petits-enfants"),
    "fille": ("fille", "nièce", "petite-fille"),
    "fils": ("fils", "neveu", "petit-fils"),
    "personnes âgées": ("personnes âgées", "seniors", "aînés"),
    "chaque semaine": ("chaque semaine", "toutes les semaines", "régulièrement"),
    "chaque jour": ("chaque jour", "tous les jours", "au quotidien"),
    "depuis des années": ("depuis des années", "depuis longtemps", "depuis plus de dix ans"),
    "depuis plusieurs années": ("depuis plusieurs années", "depuis longtemps", "depuis cinq ans"),
    "depuis quinze ans": ("depuis quinze ans", "depuis vingt ans", "depuis huit ans",
                          "depuis une dizaine d'années"),
    "depuis dix ans": ("depuis dix ans", "depuis douze ans", "depuis six ans"),
    "depuis vingt ans": ("depuis vingt ans", "depuis trente ans", "depuis longtemps"),
    "tous les quatre ans": ("tous les quatre ans", "tous les trois ans", "tous les cinq ans"),
    "deux enfants": ("deux enfants", "trois enfants", "jumeaux"),
    "trois ans": ("trois ans", "deux ans", "quatre ans"),
    "30 %": ("30 %", "20 %", "40 %", "25 %"),
    "quelques centimes": ("quelques centimes", "des miettes", "presque rien"),
    "cinquante ans": ("cinquante ans", "trente ans", "un siècle"),
    "en France": ("en France", "en Europe", "sur le territoire"),
    "dans les territoires": ("dans les territoires", "dans les régions", "partout en France"),
    "les établissements publics": ("les établissements publics", "les opérateurs publics"),
    "de moitié": ("de moitié", "d'un tiers", "de 40 %"),
    "en supprimant": ("en supprimant", "en retirant", "en désactivant"),
    "rarement": ("rarement", "peu souvent", "presque jamais"),
    "sans autorisation": ("sans autorisation", "sans accord", "sans consentement"),
    "un navigateur web": ("un navigateur web", "un simple navigateur", "un ordinateur"),
    "sans que personne ne s'en rende compte": ("sans que personne ne s'en rende compte",
                                               "sans que personne ne réagisse",
                                               "sans que cela choque personne"),
    "de plus en plus": ("de plus en plus", "toujours plus"),
    "la même chose": ("la même chose", "les mêmes contenus"),
    "pas toujours": ("pas toujours", "pas forcément", "pas vraiment"),
    "un peu": ("un peu", "plutôt"),
    "des mois": ("des mois", "des semaines", "un temps précieux"),
    "une mine d'or": ("une mine d'or", "un trésor", "une ressource formidable"),
    "changerait tout": ("changerait tout", "simplifierait tout", "serait un vrai progrès"),
    "en ligne": ("en ligne", "sur internet"),
    "plus facilement": ("plus facilement", "plus simplement"),
    "le plus longtemps possible": ("le plus longtemps possible", "au moins cinq ans",
                                   "jusqu'à ce qu'il lâche"),
    "coûte cher": ("coûte cher", "coûte très cher", "coûte une fortune"),
    "Je veux savoir": ("Je veux savoir", "J'aimerais savoir", "Je voudrais savoir"),
    "Je ne veux pas que": ("Je ne veux pas que", "Je refuse que"),
    "J'aimerais": ("J'aimerais", "Je voudrais"),
    "Beaucoup de": ("Beaucoup de", "Trop de", "De nombreuses"),
    "est une priorité": ("est une priorité", "doit être une priorité", "est urgente"),
    "est un défi": ("est un défi", "est un vrai défi", "reste un défi"),
    "est centrale": ("est centrale", "est essentielle", "est au cœur de notre travail"),
    "fait partie de": ("fait partie de", "est au cœur de"),
    "passe par": ("passe par", "suppose"),
    "nos collections": ("nos collections", "nos fonds"),
    "les artistes": ("les artistes", "les créateurs"),
    "Les artistes": ("Les artistes", "Les créateurs"),
    "la baisse des revenus": ("la baisse des revenus", "la chute des revenus"),
    "les premiers à subir": ("les premiers à subir", "les plus exposés à", "en première ligne face à"),
    "Nous avons testé": ("Nous avons testé", "Nous avons essayé", "Nous avons expérimenté"),
    "l'entretien": ("l'entretien", "la maintenance"),
    "Nous recevons": ("Nous recevons", "Nous récupérons"),
    "sans aucune": ("sans aucune", "sans la moindre"),
    "Nous publions": ("Nous publions", "Nous diffusons"),
    "Nous utilisons": ("Nous utilisons", "Nous avons choisi"),
    "Nous commençons à": ("Nous commençons à", "Nous avons commencé à"),
    "Nous collectons": ("Nous collectons", "Nous recevons"),
    "de qualité": ("de qualité", "de bonne qualité", "fiables"),
    "pas seulement": ("pas seulement", "pas uniquement", "et non"),
    "performants": ("performants", "fiables", "efficaces"),
    "au public": ("au public", "aux publics", "aux visiteurs"),
    "sur les réseaux sociaux": ("sur les réseaux sociaux", "sur internet", "sur Instagram"),
    "sans mon accord": ("sans mon accord", "sans mon autorisation"),
    "tout ça": ("tout ça", "tout cela"),
    "Les jeunes": ("Les jeunes", "Les ados", "Les élèves"),
    "Pendant la crise sanitaire": ("Pendant la crise sanitaire", "Pendant le confinement",
                                   "Pendant la pandémie"),
    "faute de": ("faute de", "par manque de"),
    "clés en main": ("clés en main", "prêtes à l'emploi"),
    "complètement": ("complètement", "profondément", "totalement"),
    "un gage de": ("un gage de", "un facteur de"),
    "transforme nos métiers": ("transforme nos métiers", "bouleverse nos pratiques", "change notre travail"),
    "favorise": ("favorise", "avantage", "privilégie"),
    "préparer sa visite": ("préparer sa visite", "organiser sa visite"),
    "mettent peu en avant": ("mettent peu en avant", "valorisent peu", "ignorent presque"),
    "me proposent": ("me proposent", "me recommandent"),
    "ne suivent pas les": ("ne suivent pas les", "ne sont pas à la hauteur des"),
    "Les enseignants": ("Les enseignants", "Les professeurs"),
    "profils techniques": ("profils techniques", "compétences techniques"),
    "sous-utilisées": ("sous-utilisées", "méconnues", "peu utilisées"),
    "personne ne le sait": ("personne ne le sait", "personne n'est au courant", "c'est peu connu"),
    "touché un public nouveau": ("touché un public nouveau", "attiré de nouveaux spectateurs"),
    "qui ne communiquent pas": ("qui ne communiquent pas", "qui ne se parlent pas", "cloisonnés"),
    "un seul agent": ("un seul agent", "un seul collègue"),
    "aimerions": ("aimerions", "voudrions"),
    "les clients publics": ("les clients publics", "les acheteurs publics"),
    "pose des questions": ("pose des questions", "soulève des questions"),
    "pose la question": ("pose la question", "soulève la question"),
    "médias solides": ("médias solides", "médias indépendants et solides"),
    "ouvre de nouvelles possibilités": ("ouvre de nouvelles possibilités", "offre de nouvelles pistes"),
    "complique": ("complique", "fragilise"),
    "a un impact réel sur": ("a un impact réel sur", "pèse lourdement sur"),
    "la rencontre physique avec l'œuvre": ("la rencontre physique avec l'œuvre",
                                           "l'émotion devant une œuvre réelle"),
    "dans le nuage": ("dans le nuage", "dans le cloud"),
    "mon département": ("mon département", "ma région"),
    "correctement payés": ("correctement payés", "réellement versés"),
    "langage texto": ("langage texto", "abréviations", "phonétique"),
    "majoritairement": ("majoritairement", "surtout", "essentiellement"),
    "{lieu}": ("", "", "", " en Bretagne", " dans le Nord", " près de Lyon", " en Occitanie",
               " dans la Drôme", " en Alsace", " en Normandie", " près de Bordeaux", " dans le Jura",
               " en Martinique", " à Marseille", " à Paris", " en banlieue parisienne", " dans les Vosges",
               " en Auvergne", " à Nantes", " à Lille", " en Corse", " dans le Var", " à La Réunion",
               " en Savoie"),
}  # fmt: skip
_PLACEHOLDERS = [k for k in VARIANTS if k.startswith("{")]
_WORDS = sorted((k for k in VARIANTS if not k.startswith("{")), key=len, reverse=True)
_VARIANT_RE = re.compile(
    "("
    + "|".join(re.escape(k) for k in _PLACEHOLDERS)
    + r"|(?<![\w'’-])(?:"
    + "|".join(re.escape(k) for k in _WORDS)
    + r")(?![\w-]))"
)


# Ends a statement sometimes takes.
TAILS = (
    ", à mon avis", ", je crois", ", selon moi", ", clairement", ", il me semble", ", c'est certain",
    ", c'est un fait", ", je le constate", ", franchement", ", sans aucun doute", ", à vrai dire",
)  # fmt: skip


def _variants(sentence: str) -> tuple[str, ...]:
    """Every wording of ``sentence`` (the original first); at most 512, chosen with a fixed seed."""
    pieces = _VARIANT_RE.split(sentence)  # text, key, text, key, ..., text
    options = [(p,) if i % 2 == 0 else VARIANTS[p] for i, p in enumerate(pieces)]
    if prod(len(o) for o in options) <= 512:
        return tuple("".join(parts) for parts in product(*options))
    fixed = random.Random(sentence)
    return (sentence, *("".join(fixed.choice(o) for o in options) for _ in range(511)))


CONNECTORS = (
    "Par ailleurs, ", "De plus, ", "En outre, ", "Surtout, ", "Mais ", "Pourtant, ", "Concrètement, ",
    "À mon avis, ", "Selon moi, ", "Enfin, ", "D'autre part, ", "Pour autant, ", "Cela dit, ",
    "J'ajoute que ", "Je pense que ", "Bref, ", "Et ", "Aussi, ",
)  # fmt: skip
CLOSINGS = (
    "Merci pour cette consultation.", "Merci de nous donner la parole.", "Cordialement.",
    "J'espère que ces contributions seront réellement prises en compte.", "Bon courage pour la synthèse !",
    "Merci pour cette initiative.", "Je reste disponible pour en parler.", "Vivement la suite !",
)  # fmt: skip
# Short answers anybody may give: frequent, identical, and no campaign.
COMMON_SHORTS = (
    "Oui", "Non", "Je ne sais pas", "Pas d'avis", "RAS", "Rien à ajouter", "Non merci", "Aucune idée",
    "Idem", "Pas concerné", "Voir plus haut", "Sans opinion", "Merci", "non", "oui", "Non.", "ras",
)  # fmt: skip
STANCES = (
    "Honnêtement, ", "Franchement, ", "Pour ma part, ", "Clairement, ", "À mon sens, ", "À vrai dire, ",
    "De mon point de vue, ", "Personnellement, ", "Sincèrement, ", "Pour être clair, ",
)  # fmt: skip
# Sentences that already open with a connector of their own.
NO_LEAD = ("Par exemple", "Pourquoi", "Regardez", "Un bon exemple", "Attention", "En priorité", "Concernant")
BULLET_INTROS = ("Mes propositions :", "Quelques pistes :", "Nos demandes :", "En résumé :")

# Frames filled with theme vocabulary. {x}: the phrase, {X}: capitalised, {de_x} / {a_x}: after a
# contracted preposition ("du", "aux", "d'"), {adv}: an optional adverb.
FRAMES = {
    "problems": (
        "Le principal frein reste {x}.", "Le problème, c'est avant tout {x}.", "Je constate surtout {x}.",
        "Il ne faut pas sous-estimer {x}.", "On bute souvent sur {x}.", "{X}, voilà un vrai sujet.",
        "Ce qui m'inquiète, c'est {x}.", "Rien ne changera sans s'attaquer {a_x}.", "Il y a aussi {x}.",
        "Je pense en particulier {a_x}.", "{X}, voilà ce qui bloque.", "Attention {a_x} !",
    ),
    "actions": (
        "Il faudrait {adv}{x}.", "Le ministère pourrait {adv}{x}.", "Je propose {de_x}.",
        "Pourquoi ne pas {x} ?", "Une piste serait {de_x}.", "Il est urgent {de_x}.", "L'État doit {adv}{x}.",
        "Il serait utile {de_x}.", "En priorité, il faut {x}.", "Nous demandons {de_x}.",
        "On pourrait {adv}{x}.", "Il me semble indispensable {de_x}.",
    ),
    "practices": (
        "Nous avons commencé à {x}.", "Dans ma structure, nous essayons {de_x}.", "Nous venons {de_x}.",
        "À mon niveau, j'essaie {de_x}.", "Nous recommandons {de_x}.", "Une bonne pratique consiste à {x}.",
    ),
    "needs": (
        "Nous aurions besoin {de_x}.", "Il nous manque les moyens {de_x}.", "Il faudrait nous aider à {x}.",
        "Notre premier besoin serait {de_x}.", "Nous attendons de l'aide pour {x}.",
    ),
    "examples": (
        "Par exemple, {x}.", "Je pense notamment {a_x}.", "On peut s'inspirer {de_x}.",
        "Un bon exemple : {x}.", "Regardez {x} : c'est exactement ce qu'il faut.",
        "L'exemple {de_x} est parlant.", "On l'a vu avec {x}.", "J'ai été marqué par {x}.",
    ),
    "benefits": (
        "J'y vois surtout {x}.", "{X}, c'est une vraie opportunité.", "On peut en attendre {x}.",
        "Le gros avantage, c'est {x}.", "Cela permettrait {x}.", "Pensons aussi {a_x}.",
    ),
    "topics": (
        "{X} : un sujet qui me tient à cœur.", "Il faut parler {de_x}.", "On ne parle pas assez {de_x}.",
        "Je m'intéresse beaucoup {a_x}.", "Sur {x}, tout reste à construire.",
        "Sur {x}, les choses bougent très vite.", "Concernant {x}, la France a des atouts.",
        "{X} : il faut un vrai débat public.",
    ),
}  # fmt: skip
ADVERBS = ("", "", "", "", "vraiment ", "enfin ", "rapidement ", "aussi ")
# Complements a proposal, problem or benefit may take (often none), so that the same idea comes in
# many shapes; without them a million answers would repeat the same few dozen phrases.
COMPLEMENTS = {
    "actions": ("", "", "", "", "", "", " dans les territoires", " avec les collectivités", " d'ici 2025",
                " à l'échelle nationale", " en lien avec les écoles", " pour les petites structures",
                " avec un vrai budget", " sur le modèle européen", " en concertation avec les professionnels",
                " en priorité", " avec l'appui des régions", " dès maintenant", " pour tous les publics",
                " dans chaque région", " avec des moyens pérennes", " sans attendre", " de façon durable"),
    "problems": ("", "", "", "", "", " dans les petites structures", " en région", " dans notre secteur",
                 " depuis la crise sanitaire", " pour les publics éloignés", " hors des grandes villes",
                 " au quotidien", " dans les territoires ruraux", " pour les indépendants", " à long terme",
                 " dans les établissements publics", " pour les associations"),
    "benefits": ("", "", "", "", " dans les territoires", " à moindre coût", " partout en France",
                 " en région", " à l'international", " dès aujourd'hui", " au quotidien", " hors les murs",
                 " à grande échelle"),
}  # fmt: skip
FRAME_SHARE = 0.54  # share of sentences built from frames; the rest are hand-written lines
# Which frames a question's angle leans on: (frame family, vocabulary slot, weight).
ANGLES = {
    "freins": (("problems", "problems", 12), ("topics", "topics", 3), ("examples", "examples", 2),
               ("actions", "actions", 3)),
    "propositions": (("actions", "actions", 12), ("problems", "problems", 4), ("examples", "examples", 2),
                     ("topics", "topics", 2)),
    "exemples": (("examples", "examples", 10), ("benefits", "benefits", 4), ("actions", "actions", 3),
                 ("topics", "topics", 3)),
    "opportunites": (("benefits", "benefits", 11), ("topics", "topics", 3), ("examples", "examples", 3),
                     ("problems", "problems", 3)),
    "constat": (("topics", "topics", 6), ("problems", "problems", 6), ("benefits", "benefits", 6),
                ("examples", "examples", 2)),
    "pratiques": (("practices", "actions", 10), ("problems", "problems", 4), ("examples", "examples", 3),
                  ("actions", "actions", 3)),
    "besoins": (("needs", "actions", 10), ("problems", "problems", 6), ("actions", "actions", 4)),
    "droits": (("problems", "problems", 8), ("actions", "actions", 9), ("topics", "topics", 3)),
    "libre": (("problems", "problems", 4), ("actions", "actions", 5), ("examples", "examples", 2),
              ("benefits", "benefits", 3), ("topics", "topics", 3)),
}  # fmt: skip

_VOWELS = frozenset("aâàeéèêëiîïoôuûùyhœAÂÀEÉÈÊIÎOÔUÛYHŒ")
_NO_ACCENTS = str.maketrans(
    {"é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "î": "i", "ï": "i", "ô": "o",
     "û": "u", "ù": "u", "ç": "c", "œ": "oe", "É": "E", "À": "A"}
)  # fmt: skip


def _de(x: str) -> str:
    if x.startswith("le "):
        return "du " + x[3:]
    if x.startswith("les "):
        return "des " + x[4:]
    if x.startswith(("des ", "de ")):
        x = x.split(" ", 1)[1]
    return ("d'" if x[0] in _VOWELS else "de ") + x


def _a(x: str) -> str:
    if x.startswith("le "):
        return "au " + x[3:]
    if x.startswith("les "):
        return "aux " + x[4:]
    return "à " + x


def _forms(x: str) -> dict[str, str]:
    return {"x": x, "X": x[0].upper() + x[1:], "de_x": _de(x), "a_x": _a(x)}


def _fillers(slot: str, phrase: str) -> tuple[dict[str, str], ...]:
    """Every form of a theme phrase: each of its wordings, with each complement of its slot."""
    return tuple(_forms(w + c) for w in _variants(phrase) for c in COMPLEMENTS.get(slot, ("",)))


class Writer:
    """Composes open answers; deterministic for a given seed (one ``random.Random`` stream).

    Picks are ``seq[int(random() * len(seq))]`` rather than ``random.choice``: the same draw
    from one stream, three times faster, which matters at a million contributions.
    """

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        rand = self.rand = self.rnd.random

        def pick(seq):
            return seq[int(rand() * len(seq))]

        self.pick = pick
        self.lines = {k: tuple(_variants(s) for s in v) for k, v in LINES.items()}
        self.profile_lines = {k: tuple(_variants(s) for s in v) for k, v in PROFILE_LINES.items()}
        self.sector_lines = {k: tuple(_variants(s) for s in v) for k, v in SECTOR_LINES.items()}
        self.openers = {k: tuple(_variants(s) for s in v) for k, v in OPENERS.items()}
        frames = {family: tuple(_variants(f) for f in fs) for family, fs in FRAMES.items()}
        forms = {
            t: {slot: [_fillers(slot, v) for v in vals] for slot, vals in words.items() if slot != "shorts"}
            for t, words in THEME_WORDS.items()
        }
        # (theme, angle) -> list of (frames, filler forms), repeated by weight
        self.slots = {
            (t, a): [(frames[family], forms[t][slot]) for family, slot, w in spec for _ in range(w)]
            for t in THEME_WORDS
            for a, spec in ANGLES.items()
        }

    def sentence(self, theme: str, angle: str, profile: str, sector: str, r: float) -> tuple[tuple, str]:
        """A frame filled with theme words if ``r`` < FRAME_SHARE, else a hand-written line, in one
        of its wordings; with the ids of what it is made of, to avoid saying the same thing twice."""
        pick = self.pick
        if r < FRAME_SHARE:
            frames, fillers = pick(self.slots[theme, angle])
            frame, filler = pick(frames), pick(fillers)
            return (id(frame), id(filler)), pick(frame).format(adv=pick(ADVERBS), **pick(filler))
        if r < 0.80:
            line = pick(self.lines[theme, profile])
        elif r < 0.90 and profile != "citoyen" and sector in SECTOR_LINES:
            line = pick(self.sector_lines[sector])
        else:
            line = pick(self.profile_lines[profile])
        return (id(line),), pick(line)

    def short(self, theme: str, angle: str) -> str:
        if angle == "libre" or self.rand() < 0.6:
            return self.pick(COMMON_SHORTS)
        return self.pick(THEME_WORDS[theme]["shorts"])

    def answer(self, theme: str, angle: str, profile: str, sector: str, n: int) -> str:
        """An answer of about ``n`` sentences: opener, body, connectors, closing, paragraphs, noise."""
        rand, pick = self.rand, self.pick
        parts: list[str] = []
        if n >= 2 and rand() < 0.3:
            who = sector if profile != "citoyen" and sector in OPENERS else profile
            parts.append(pick(pick(self.openers[who])))
        closing = n >= 4 and rand() < 0.2
        body = max(n - len(parts) - closing, 1)
        if body >= 5 and angle in ("propositions", "besoins") and profile != "citoyen" and rand() < 0.2:
            items = self.rnd.sample(THEME_WORDS[theme]["actions"], 3 + int(rand() * 2))
            parts.append(pick(BULLET_INTROS) + "\n" + "\n".join("- " + i for i in items))
            body = max(body - len(items), 0)
        # Answers of up to three sentences take at most one hand-written line (one-sentence answers
        # rarely any): lines are few, frames combine, so near-identical texts stay rare at scale.
        spread, lined = (0.6 if body == 1 else 1.0), bool(parts)
        seen = set()
        for _ in range(body):
            r = rand() * (FRAME_SHARE if lined and body <= 3 else spread)
            lined |= r >= FRAME_SHARE
            for attempt in range(6):  # the same idea twice in one answer: draw again, then a frame
                ideas, s = self.sentence(theme, angle, profile, sector, r if attempt < 3 else 0.0)
                if seen.isdisjoint(ideas):
                    break
            seen.update(ideas)
            if rand() < (0.3 if parts else 0.15) and s[1].islower() and not s.startswith(NO_LEAD):
                lead = pick(CONNECTORS if parts else STANCES)
                if lead[-4:] == "que " and (r < FRAME_SHARE or s[-1] in "?!"):
                    lead = "Par ailleurs, "  # « Je pense que » only before a plain statement
                elif lead[-4:] == "que " and s[0] in _VOWELS:
                    lead = lead[:-2] + "'"  # « Je pense qu'il », « J'ajoute qu'on »
                s = lead + s[0].lower() + s[1:]
            elif r >= FRAME_SHARE and s[-1] == "." and rand() < 0.15:  # an opinion said once is enough
                s = s[:-1] + pick(TAILS) + "."
            parts.append(s)
        if closing:
            parts.append(pick(CLOSINGS))
        if len(parts) >= 5:
            paragraphs, i = [], 0
            while i < len(parts):
                step = 2 + int(rand() * 3)
                paragraphs.append(" ".join(parts[i : i + step]))
                i += step
            text = ("\n\n" if rand() < 0.7 else "\n").join(paragraphs)
        else:
            text = " ".join(parts)
        r = rand()
        if r < 0.13:
            text = text.replace("'", "’")
        elif r < 0.16 and profile == "citoyen":
            text = text.lower()
        elif r < 0.19:
            text = text.translate(_NO_ACCENTS)
        elif r < 0.21:
            text = text.rstrip(".") + " !!"
        return text

    # --- planted realities ---------------------------------------------------------------------
    def campaign(self) -> str:
        """One near-copy of the campaign template: words swapped, a sentence added or dropped."""
        rnd = self.rnd
        sentences = list(CAMPAIGN_SENTENCES)
        for i, s in enumerate(sentences):
            for old, new in CAMPAIGN_SWAPS:
                if old in s and rnd.random() < 0.25:
                    s = s.replace(old, rnd.choice(new))
            sentences[i] = s
        if rnd.random() < 0.2:
            del sentences[rnd.randint(1, 3)]
        r = rnd.random()
        if r < 0.15:
            sentences.insert(0, rnd.choice(CAMPAIGN_ADDITIONS))
        elif r < 0.45:
            sentences.append(rnd.choice(CAMPAIGN_ADDITIONS))
        text = " ".join(sentences)
        r = rnd.random()
        if r < 0.2:
            text = text.replace(" !", ".")
        elif r < 0.3:
            text = text.replace("'", "’")
        elif r < 0.36:
            text = text.lower()
        elif r < 0.42:
            text = text.replace(". ", ".  ")
        elif r < 0.46:
            text = text.upper()[:60] + text[60:]
        return text

    def with_personal_data(self, text: str, kind: str) -> str:
        rnd = self.rnd
        if kind == "name" and rnd.random() < 0.4:
            sentence = rnd.choice(TITLE_FRAMES).format(v=rnd.choice(PLANTED_TITLES))
        else:
            values = {"email": PLANTED_EMAILS, "phone": PLANTED_PHONES, "address": PLANTED_ADDRESSES}
            sentence = rnd.choice(PII_FRAMES[kind]).format(v=rnd.choice(values.get(kind, PLANTED_FULL_NAMES)))
        return sentence + " " + text if rnd.random() < 0.3 else text + " " + sentence

    def with_hostile(self, text: str, hostile: str) -> str:
        rnd = self.rnd
        if hostile[0] in "=+-@":  # a spreadsheet formula: the cell must start with it
            return hostile if rnd.random() < 0.5 else hostile + " " + text
        if hostile.startswith("#"):
            return hostile + "\n\n" + text
        return text + " " + hostile if rnd.random() < 0.6 else hostile + " " + text


# --- Planted realities ---------------------------------------------------------------------------
# (1) A coordinated campaign: near-identical copies of one long text.
_CAMPAIGN_TEXT = """
Je soutiens pleinement la protection des artistes-auteurs face à l'intelligence artificielle générative.

Les œuvres ne doivent pas servir à entraîner des modèles sans le consentement explicite de leurs auteurs,
ni sans une rémunération équitable.

Nous demandons au ministère de la Culture d'imposer la transparence sur les données d'entraînement,
un droit d'opposition simple et effectif, et la mention obligatoire des contenus générés par une IA.

Le droit d'auteur est le socle de la création : sans lui, c'est toute la diversité culturelle qui est
menacée.

Protégeons celles et ceux qui créent !
"""
CAMPAIGN_SENTENCES = tuple(" ".join(p.split()) for p in _CAMPAIGN_TEXT.strip().split("\n\n"))
CAMPAIGN_TEMPLATE = " ".join(CAMPAIGN_SENTENCES)
CAMPAIGN_SWAPS = (
    ("pleinement", ("totalement", "entièrement", "sans réserve")),
    ("explicite", ("préalable", "éclairé")),
    ("équitable", ("juste", "proportionnée")),
    ("Nous demandons", ("Je demande", "Nous exigeons")),
    ("simple et effectif", ("simple et gratuit", "réel et effectif")),
    ("le socle", ("le fondement", "la base")),
    ("menacée", ("en danger", "fragilisée")),
)
CAMPAIGN_ADDITIONS = (
    "Je suis illustratrice depuis quinze ans.", "Mes dessins ont déjà été utilisés sans mon accord.",
    "Je suis musicien et je vis de mes droits d'auteur.", "Je signe ce texte avec de nombreux collègues.",
    "Merci de nous entendre.", "Comme beaucoup d'auteurs, je suis très inquiet.", "Il y a urgence.",
)  # fmt: skip

# (2) Personal data, with invented names, example domains and the phone ranges ARCEP reserves
# for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98).
_FIRST = (
    "Camille", "Julien", "Nadia", "Thomas", "Léa", "Mathieu", "Sophie", "Karim", "Élodie", "Antoine",
    "Chloé", "Hugo", "Inès", "Bruno", "Margaux", "Yann", "Fatou", "Pierre", "Claire", "Olivier",
)  # fmt: skip
_LAST = (
    "Valmont", "Lefèvre", "Morvan", "Garnier", "Rousselot", "Benaïssa", "Fontanel", "Chevrier", "Lambertin",
    "Girardot", "Mercadier", "Bonnefoy", "Dupuy", "Kerjean", "Marchal", "Nguyen", "Perrichon", "Roux",
    "Vasseur", "Aubertin",
)  # fmt: skip


def _slug(s: str) -> str:
    return s.lower().translate(_NO_ACCENTS).replace("ï", "i")


def _email(i: int) -> str:
    first, last = _slug(_FIRST[i % 20]), _slug(_LAST[(7 * i + 3 + i // 20) % 20])
    return (
        f"{first}.{last}@exemple.fr",
        f"{first[0]}{last}@example.org",
        f"{last}.{first}{i}@mail.exemple.fr",
        f"{first}-{last}@example.net",
    )[i % 4]


def _phone(i: int) -> str:
    prefix = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98")[i % 6]
    digits = f"{prefix} {(37 * i + 5) % 100:02d} {(53 * i + 11) % 100:02d}"
    if i % 3 == 1:
        return "+33 " + digits[1:]
    return digits.replace(" ", ".") if i % 3 == 2 else digits


PLANTED_EMAILS = tuple(_email(i) for i in range(60))
PLANTED_PHONES = tuple(_phone(i) for i in range(60))
PLANTED_ADDRESSES = (
    "12 rue des Lilas", "3 impasse des Tilleuls", "47 avenue Jean-Jaurès", "8 bis chemin du Moulin",
    "25 place de la Mairie", "6 allée des Peupliers", "19 rue de la Gare", "31 route de Lyon",
)  # fmt: skip
PLANTED_FULL_NAMES = tuple(f"{_FIRST[i]} {_LAST[(3 * i + 1) % 20]}" for i in range(20))
PLANTED_TITLES = tuple(f"{'M.' if i % 2 else 'Mme'} {_LAST[(3 * i + 2) % 20]}" for i in range(10))
PII_FRAMES = {
    "email": ("Vous pouvez me contacter à {v} pour en discuter.", "Mon adresse : {v}", "Contact : {v}",
              "N'hésitez pas à m'écrire ({v}).", "Je suis joignable par courriel : {v}."),
    "phone": ("Vous pouvez me joindre au {v}.", "Mon numéro : {v}", "Appelez-moi au {v} si besoin.",
              "Tél. {v}"),
    "address": ("J'habite au {v}, à deux pas de la médiathèque.",
                "Notre atelier se trouve au {v}, venez nous voir.",
                "Écrivez-nous au {v}, 44000 Nantes."),
    "name": ("Je m'appelle {v} et ce sujet me tient à cœur.", "Signé : {v}",
             "Je suis {v}, bénévole associatif."),
}  # fmt: skip
TITLE_FRAMES = ("{v} pourra vous en dire plus.", "Voir avec {v}, notre référent numérique.")

# (3) Strings that must never be rendered or exported as they are.
HOSTILE_STRINGS = (
    "**gras** et [lien](javascript:alert(1))",
    "# Titre",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://exemple.invalid";"clic")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SOMME(1;1)",
    "'; DROP TABLE answers; --",
)

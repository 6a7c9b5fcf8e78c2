//! The report the tracker is seeded with, and its eight recommendations.
//!
//! `lead` is the sentence the report sets in bold; `text` is the whole
//! recommendation exactly as the report words it (the bold lead followed by
//! the rest of the paragraph). The number is kept apart from the text. Short
//! titles and the findings summaries are this program's own wording; the
//! findings name the report's section headings. The French short titles
//! are this program's unofficial translation.

pub struct SeedReport {
    pub key: &'static str,
    pub title: &'static str,
    pub subtitle: &'static str,
    pub authors: &'static [&'static str],
    pub publisher: &'static str,
    /// Month precision, as the report is dated.
    pub published: &'static str,
}

pub struct SeedRecommendation {
    pub number: i64,
    pub title: &'static str,
    /// The short title in French: this program's own, unofficial
    /// translation (the report exists in English only). Not stored in a
    /// tracker; a French briefing prints it, marked as unofficial.
    pub title_fr: &'static str,
    /// The findings summary in French, the same unofficial translation;
    /// the report's own words it quotes stay in English, marked
    /// `[[en:…]]` so that a reader can tag them as English.
    pub findings_fr: &'static str,
    pub lead: &'static str,
    pub text: &'static str,
    pub findings: &'static str,
}

pub const REPORT: SeedReport = SeedReport {
    key: "making-digital-happen-2019",
    title: "Making Digital Happen",
    subtitle: "Ontario's Public Service and the Challenges of Digital Governance",
    authors: &[
        "Jonathan Craft",
        "Evert Lindquist",
        "Justin Longo",
        "Heather Millar",
    ],
    publisher: "Policy Innovation Initiative, Munk School of Global Affairs & Public Policy",
    published: "2019-04",
};

pub const RECOMMENDATIONS: [SeedRecommendation; 8] = [
    SeedRecommendation {
        number: 1,
        title: "Leaner approvals for digital security",
        title_fr: "Allègement des approbations en sécurité numérique",
        lead: "Propose that the Cabinet Secretary and the Treasury Board prioritize developing a leaner process for digital security approvals.",
        text: "Propose that the Cabinet Secretary and the Treasury Board prioritize developing a leaner process for digital security approvals. The proposal would also outline new executive responsibilities in this regard, perhaps by establishing a new Deputy Minister responsible for digital implementation.",
        findings: "What We Heard — Barriers to being digital: bureaucratic culture (“Excessive Approvals Inhibit Digital Adoption”): deputies cited the need for “17 approvals from the centre”, and IT leadership named risk perception as the core obstacle to new technology. What To Do — Develop initiatives that can spur on and institutionalize cultural change: reduce the layers of administrative and legislative approvals, and task a new ADM-level lead or small unit with digital implementation.",
        findings_fr: "Ce que nous avons entendu — Obstacles au numérique\u{a0}: la culture bureaucratique ([[en:“Excessive Approvals Inhibit Digital Adoption”]])\u{a0}: des sous-ministres ont évoqué la nécessité de [[en:“17 approvals from the centre”]], et les responsables de la TI ont désigné la perception du risque comme le principal obstacle aux nouvelles technologies. Que faire — Lancer des initiatives qui stimulent et ancrent le changement de culture\u{a0}: réduire les couches d'approbations administratives et législatives, et confier la mise en œuvre du numérique à un nouveau responsable de niveau SMA ou à une petite unité.",
    },
    SeedRecommendation {
        number: 2,
        title: "OPS digital innovation platform",
        title_fr: "Plateforme d'innovation numérique de la FPO",
        lead: "Develop an OPS digital innovation platform to promote information sharing and incentivize digital thinking in the OPS.",
        text: "Develop an OPS digital innovation platform to promote information sharing and incentivize digital thinking in the OPS. The innovation platform (online hubs, events, staff networks) would showcase different cases of progress, success, and failures in the OPS. The primary aim would be to strengthen the existing community of innovators within the OPS, while also supporting recruitment initiatives.",
        findings: "What We Heard — Benefits and opportunities of “becoming digital”: collaboration and learning from other jurisdictions; Barriers to being digital: lack of capacity: a lack of consistency across departments in access to basic digital tools. What To Do — Seek strategic opportunities to build technical and human capacity: support and amplify the work of “T-shaped people” and the existing community of innovators.",
        findings_fr: "Ce que nous avons entendu — Avantages et possibilités du virage numérique\u{a0}: la collaboration et les leçons tirées d'autres administrations; Obstacles au numérique\u{a0}: le manque de capacité, dont un accès inégal aux outils numériques de base d'un ministère à l'autre. Que faire — Saisir les occasions stratégiques de renforcer les capacités techniques et humaines\u{a0}: soutenir et amplifier le travail des [[en:“T-shaped people”]] et de la communauté d'innovateurs existante.",
    },
    SeedRecommendation {
        number: 3,
        title: "Review of digital recruitment, retention and development",
        title_fr: "Recrutement, rétention et perfectionnement numériques",
        lead: "Conduct a systematic review of recruitment, retention, and professional development needs of executives and staff with regard to digital readiness.",
        text: "Conduct a systematic review of recruitment, retention, and professional development needs of executives and staff with regard to digital readiness. This assessment would include a review of available digital skills, competencies and existing training resources.",
        findings: "What We Heard — Barriers to being digital: lack of capacity (“Human Capacity: Digital Literacy & Data Analysis”): digital literacy is a fundamental challenge, smaller ministries lack data-analysis skills, recruits leave for better-equipped employers, and staff find no time for training. What To Do — Seek strategic opportunities to build technical and human capacity.",
        findings_fr: "Ce que nous avons entendu — Obstacles au numérique\u{a0}: le manque de capacité ([[en:“Human Capacity: Digital Literacy & Data Analysis”]])\u{a0}: la littératie numérique est un défi fondamental, les petits ministères manquent de compétences en analyse de données, les recrues partent pour des employeurs mieux outillés et le personnel ne trouve pas le temps de se former. Que faire — Saisir les occasions stratégiques de renforcer les capacités techniques et humaines.",
    },
    SeedRecommendation {
        number: 4,
        title: "Digital tools and resources for every staffing level",
        title_fr: "Outils et ressources numériques à tous les échelons",
        lead: "Develop targeted tools and resources for different staffing levels to foster digital transformation.",
        text: "Develop targeted tools and resources for different staffing levels to foster digital transformation. Resources could include short guides for executives to champion digital within ministries, or risk assessment resources for managers. Professional development practices could also be streamlined to facilitate managers' ability to drive staff training and learning. One method may be to develop performance evaluation practices that enable managers to link staff learning plans with digital competencies in a more systematic manner.",
        findings: "What To Do — Seek strategic opportunities to build technical and human capacity: alternative training formats, skills built into ongoing projects, risk-management training for middle managers; Using non-digital fundamental shifts to further the digital agenda: use HR planning, operational reviews and staff learning plans to build digital literacy.",
        findings_fr: "Que faire — Saisir les occasions stratégiques de renforcer les capacités techniques et humaines\u{a0}: des formations sous d'autres formes, des compétences acquises dans les projets en cours, une formation à la gestion des risques pour les cadres intermédiaires; S'appuyer sur des changements fondamentaux non numériques pour faire avancer le programme numérique\u{a0}: se servir de la planification des ressources humaines, des examens opérationnels et des plans d'apprentissage du personnel pour développer la littératie numérique.",
    },
    SeedRecommendation {
        number: 5,
        title: "Tackle the 'clay' middle",
        title_fr: "Mobiliser les cadres intermédiaires (la « couche d'argile »)",
        lead: "Tackle the 'clay' middle.",
        text: "Tackle the 'clay' middle. Enable middle managers to address the requirements of digital by freeing up space and resources for them to implement and promote staff actions as noted above. Create incentives for managers to ensure their staff are taking controlled risks, and looking to maximize digital ways of doing (e.g. user research, iterative policy, program, and service design).",
        findings: "What We Heard — Barriers to being digital: bureaucratic culture: executives and staff see middle managers as the “clay” that slows digital reform; innovation is rarely rewarded and day-to-day deliverables win. What To Do — Develop initiatives that can spur on and institutionalize cultural change: incentives for risk taking and empowered innovation at the middle-management level.",
        findings_fr: "Ce que nous avons entendu — Obstacles au numérique\u{a0}: la culture bureaucratique\u{a0}: cadres supérieurs et personnel voient dans les cadres intermédiaires la couche d'argile ([[en:“clay”]]) qui ralentit la réforme numérique; l'innovation est rarement récompensée et les tâches quotidiennes l'emportent. Que faire — Lancer des initiatives qui stimulent et ancrent le changement de culture\u{a0}: des incitatifs à la prise de risque et à l'innovation au niveau des cadres intermédiaires.",
    },
    SeedRecommendation {
        number: 6,
        title: "Green paper on risk frameworks and barriers",
        title_fr: "Livre vert sur les cadres de gestion des risques et les obstacles",
        lead: "Commission a digital governance green paper to review existing OPS risk frameworks,",
        text: "Commission a digital governance green paper to review existing OPS risk frameworks, detailing legislative and administrative barriers to digital transformations in the OPS, especially with regard to data management.",
        findings: "What We Heard — Barriers to being digital: bureaucratic culture (“Open Data Increases Risk-Aversion”) and lack of capacity (“Data Management”): privacy rules and the perception of risk stymie data sharing. What To Do — Develop initiatives that can spur on and institutionalize cultural change: understanding of risk-management frameworks and privacy legislation varies widely, even at the ADM level.",
        findings_fr: "Ce que nous avons entendu — Obstacles au numérique\u{a0}: la culture bureaucratique ([[en:“Open Data Increases Risk-Aversion”]]) et le manque de capacité ([[en:“Data Management”]])\u{a0}: les règles de protection de la vie privée et la perception du risque freinent l'échange de données. Que faire — Lancer des initiatives qui stimulent et ancrent le changement de culture\u{a0}: la compréhension des cadres de gestion des risques et des lois sur la protection de la vie privée varie beaucoup, même au niveau des SMA.",
    },
    SeedRecommendation {
        number: 7,
        title: "Case study research on digital transformation",
        title_fr: "Études de cas sur la transformation numérique",
        lead: "Develop OPS case study research to examine digital instruments, practices, and transformations occurring in the OPS,",
        text: "Develop OPS case study research to examine digital instruments, practices, and transformations occurring in the OPS, and in other jurisdictions, to identify leverage points for accelerating cultural change within government.",
        findings: "What We Heard — Benefits and opportunities of “becoming digital”: the OPS can draw lessons from other jurisdictions and institutions (the UK, Europe, banks, the courts). What To Do — Develop initiatives that can spur on and institutionalize cultural change: practices and processes that help top officials drive and sustain change.",
        findings_fr: "Ce que nous avons entendu — Avantages et possibilités du virage numérique\u{a0}: la FPO peut tirer des leçons d'autres administrations et institutions (le Royaume-Uni, l'Europe, les banques, les tribunaux). Que faire — Lancer des initiatives qui stimulent et ancrent le changement de culture\u{a0}: des pratiques et des processus qui aident les hauts fonctionnaires à mener et à soutenir le changement.",
    },
    SeedRecommendation {
        number: 8,
        title: "Leadership in digital performance management",
        title_fr: "Leadership en gestion du rendement numérique",
        lead: "Become a leader in digital performance management.",
        text: "Become a leader in digital performance management. Develop stronger cultures and practices of rigorous and comprehensive data driven evaluation of how well digital is working through integrating greater assessment and feedback mechanisms.",
        findings: "What We Heard — Changing citizen expectations for service delivery: data is not always used in strong enough feedback loops to inform policymaking. What To Do — Develop initiatives that can spur on and institutionalize cultural change: “What are the measurement indicators of success? How would the OPS know if the digital transformations envisioned by the plans are on track?”",
        findings_fr: "Ce que nous avons entendu — L'évolution des attentes des citoyens envers la prestation des services\u{a0}: les données ne servent pas toujours dans des boucles de rétroaction assez solides pour éclairer l'élaboration des politiques. Que faire — Lancer des initiatives qui stimulent et ancrent le changement de culture\u{a0}: [[en:“What are the measurement indicators of success? How would the OPS know if the digital transformations envisioned by the plans are on track?”]]",
    },
];

"""The public surface of nmgpolicy before issue #11's refactor (commit f793be7), frozen.

Captured by running the functions of tests/test_review14_stability.py (``sig_text``,
``canon``, ``observed``, ``helper_digests``, ``old_pickle_source``) with that commit's
``src`` on ``sys.path``; the tests compare the working tree with it. Data only: no tests here.
Do not regenerate from the current code: that would freeze whatever changed.
"""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any

FROZEN: dict[str, Any] = {
    "all": {
        "nmgpolicy": (
            "CalendarNotCovered Citation Decision DecisionStatus Finding InputError Message "
            "NmgPolicyError NotInForce Problem RuleSet Status UnknownRuleSet __version__ "
            "evaluate get_ruleset register rulesets"
        ),
        "nmgpolicy.rules": "",
        "nmgpolicy.rules.cluster": (
            "ATTESTATIONS AnnualReport Attestations ClusterFacts ClusterRuleSet DESIGNATIONS "
            "Designation Enterprise MajorChange RevocationGround RevocationRecord YearFacts "
            "annual_report_due change_filing_due revocation_grounds valid_until"
        ),
        "nmgpolicy.rules.disclosure": (
            "CATALOG_TITLE Conflict Deadline DeadlineCandidate DisclosureFacts "
            "DisclosureRuleSet DueDate catalog deadline item load_catalog"
        ),
        "nmgpolicy.rules.ferroalloy": (
            "EnterpriseFacts FerroalloyFacts FerroalloyRuleSet NewCapacity RetiredUnit Tier "
            "plan_notice_due ratio required_retirement tier tiers"
        ),
        "nmgpolicy.rules.first_set": (
            "Applicant CATEGORIES Category DocumentItem FirstSetFacts FirstSetRuleSet "
            "NoticeWindow Product RULESET ResultsDisclosureDue ValidityWindow checklist "
            "public_notice results_disclosure_due validity_window"
        ),
        "nmgpolicy.rules.sme_innovative": (
            "InnovativeFacts InnovativeRuleSet IpClass ProductField RdInstitutionLevel "
            "ScienceAward Title"
        ),
        "nmgpolicy.rules.sme_specialized": (
            "DigitalLevel IpClass ProductField QualityItem RdInstitutionLevel ScienceAward "
            "SpecializedFacts SpecializedRuleSet"
        ),
        "nmgpolicy.sme": (
            "InnovativeFacts InnovativeRuleSet PriorityEntry PriorityMatch ScienceAward "
            "SpecializedFacts SpecializedRuleSet TargetProgress TargetsReport articles "
            "priority_chain priority_fields priority_lists targets_progress"
        ),
        "nmgpolicy.inspection": (
            "ALGORITHM ALGORITHM_VERSION Assignment COMMITMENT_SCHEME Draw InspectionRecord "
            "Inspector MIN_TEAM_SIZE PER_TEAM Stream VERSIONS commit discrepancies draw "
            "inspection_record name_key verify"
        ),
        "nmgpolicy.catalog": (
            "Anomaly COLUMNS CatalogItem DEFAULT_INHERITED LoadedCatalog bundled_catalog "
            "bundled_ids load_catalog normalise_title parse_catalog"
        ),
        "nmgpolicy.periods": (
            "CalendarFileError ENVIRONMENT_VARIABLE MAX_SCHEDULE_FILE_BYTES Period PeriodUnit "
            "Registration add_working_days covered_years deadline find_period is_working_day "
            "next_working_day notice_window parse_period period_end register_schedule_file "
            "register_year registrations track_registered_years unregister_year "
            "working_days_between"
        ),
        "nmgpolicy.units": (
            "Kind MAX_AMOUNT MAX_RATIO Quantity convert format_amount format_decimal "
            "parse_amount parse_count parse_measure parse_ratio parse_share quantity ureg"
        ),
        "nmgpolicy.outcome": (
            "Amount Citation Decision DecisionStatus Finding FrozenDict FrozenList Message "
            "Percent Status aggregate display freeze jsonable"
        ),
        "nmgpolicy.engine": "BaseRuleSet Context RuleSet evaluate get_ruleset register rulesets",
        "nmgpolicy.errors": (
            "CalendarNotCovered InputError NmgPolicyError NotInForce Problem UnknownFinding "
            "UnknownRuleSet shown"
        ),
        "nmgpolicy.params": (
            "CriterionInfo DatedValue MAX_PLACES MAX_TEXT Parameter ParameterSet Range "
            "Resolved load_parameters parse_date"
        ),
        "nmgpolicy.schema": "facts_schema",
        "nmgpolicy.cli": "CHINA example_cases examples_dir main today_in_china",
        "nmgpolicy.cluster": (
            "ATTESTATIONS AnnualReport Attestations ClusterFacts ClusterRuleSet DESIGNATIONS "
            "Designation Enterprise MajorChange RevocationGround RevocationRecord YearFacts "
            "annual_report_due change_filing_due revocation_grounds valid_until"
        ),
        "nmgpolicy.disclosure": (
            "Anomaly CATALOG_TITLE CatalogItem Conflict Deadline DeadlineCandidate "
            "DisclosureFacts DisclosureRuleSet DueDate LoadedCatalog catalog deadline item "
            "load_catalog parse_catalog"
        ),
        "nmgpolicy.ferroalloy": (
            "EnterpriseFacts FerroalloyFacts FerroalloyRuleSet NewCapacity RetiredUnit Tier "
            "plan_notice_due ratio required_retirement tier tiers"
        ),
        "nmgpolicy.first_set": (
            "Applicant CATEGORIES Category DocumentItem FirstSetFacts FirstSetRuleSet "
            "NoticeWindow Product RULESET ResultsDisclosureDue ValidityWindow checklist "
            "public_notice results_disclosure_due validity_window"
        ),
        "nmgpolicy.criteria": "Compare attestation flag not_applicable show threshold",
        "nmgpolicy.render": "criteria_text decision_html decision_markdown decision_text status_label",
        "nmgpolicy.limits": "BUDGET Budget MAX_INPUT_BYTES number_problem over",
        "nmgpolicy.convert": (
            "AreaKm2 Count Kva Measure Money Ratio Share Tonnes TonnesPerYuan UnsignedRatio "
            "Years structure"
        ),
    },
    "same_as": {
        "nmgpolicy.rules.first_set.ResultsDisclosureDue": "nmgpolicy.rules.disclosure.DueDate",
        "nmgpolicy.rules.sme_specialized.ScienceAward": "nmgpolicy.rules.sme_innovative.ScienceAward",
        "nmgpolicy.sme.InnovativeFacts": "nmgpolicy.rules.sme_innovative.InnovativeFacts",
        "nmgpolicy.sme.InnovativeRuleSet": "nmgpolicy.rules.sme_innovative.InnovativeRuleSet",
        "nmgpolicy.sme.ScienceAward": "nmgpolicy.rules.sme_innovative.ScienceAward",
        "nmgpolicy.sme.SpecializedFacts": "nmgpolicy.rules.sme_specialized.SpecializedFacts",
        "nmgpolicy.sme.SpecializedRuleSet": "nmgpolicy.rules.sme_specialized.SpecializedRuleSet",
        "nmgpolicy.catalog.load_catalog": "nmgpolicy.rules.disclosure.load_catalog",
        "nmgpolicy.outcome.Citation": "nmgpolicy.Citation",
        "nmgpolicy.outcome.Decision": "nmgpolicy.Decision",
        "nmgpolicy.outcome.DecisionStatus": "nmgpolicy.DecisionStatus",
        "nmgpolicy.outcome.Finding": "nmgpolicy.Finding",
        "nmgpolicy.outcome.Message": "nmgpolicy.Message",
        "nmgpolicy.outcome.Status": "nmgpolicy.Status",
        "nmgpolicy.engine.RuleSet": "nmgpolicy.RuleSet",
        "nmgpolicy.engine.evaluate": "nmgpolicy.evaluate",
        "nmgpolicy.engine.get_ruleset": "nmgpolicy.get_ruleset",
        "nmgpolicy.engine.register": "nmgpolicy.register",
        "nmgpolicy.engine.rulesets": "nmgpolicy.rulesets",
        "nmgpolicy.errors.CalendarNotCovered": "nmgpolicy.CalendarNotCovered",
        "nmgpolicy.errors.InputError": "nmgpolicy.InputError",
        "nmgpolicy.errors.NmgPolicyError": "nmgpolicy.NmgPolicyError",
        "nmgpolicy.errors.NotInForce": "nmgpolicy.NotInForce",
        "nmgpolicy.errors.Problem": "nmgpolicy.Problem",
        "nmgpolicy.errors.UnknownRuleSet": "nmgpolicy.UnknownRuleSet",
        "nmgpolicy.cluster.AnnualReport": "nmgpolicy.rules.cluster.AnnualReport",
        "nmgpolicy.cluster.Attestations": "nmgpolicy.rules.cluster.Attestations",
        "nmgpolicy.cluster.ClusterFacts": "nmgpolicy.rules.cluster.ClusterFacts",
        "nmgpolicy.cluster.ClusterRuleSet": "nmgpolicy.rules.cluster.ClusterRuleSet",
        "nmgpolicy.cluster.Enterprise": "nmgpolicy.rules.cluster.Enterprise",
        "nmgpolicy.cluster.MajorChange": "nmgpolicy.rules.cluster.MajorChange",
        "nmgpolicy.cluster.RevocationGround": "nmgpolicy.rules.cluster.RevocationGround",
        "nmgpolicy.cluster.RevocationRecord": "nmgpolicy.rules.cluster.RevocationRecord",
        "nmgpolicy.cluster.YearFacts": "nmgpolicy.rules.cluster.YearFacts",
        "nmgpolicy.cluster.annual_report_due": "nmgpolicy.rules.cluster.annual_report_due",
        "nmgpolicy.cluster.change_filing_due": "nmgpolicy.rules.cluster.change_filing_due",
        "nmgpolicy.cluster.revocation_grounds": "nmgpolicy.rules.cluster.revocation_grounds",
        "nmgpolicy.cluster.valid_until": "nmgpolicy.rules.cluster.valid_until",
        "nmgpolicy.disclosure.Anomaly": "nmgpolicy.catalog.Anomaly",
        "nmgpolicy.disclosure.CatalogItem": "nmgpolicy.catalog.CatalogItem",
        "nmgpolicy.disclosure.Conflict": "nmgpolicy.rules.disclosure.Conflict",
        "nmgpolicy.disclosure.Deadline": "nmgpolicy.rules.disclosure.Deadline",
        "nmgpolicy.disclosure.DeadlineCandidate": "nmgpolicy.rules.disclosure.DeadlineCandidate",
        "nmgpolicy.disclosure.DisclosureFacts": "nmgpolicy.rules.disclosure.DisclosureFacts",
        "nmgpolicy.disclosure.DisclosureRuleSet": "nmgpolicy.rules.disclosure.DisclosureRuleSet",
        "nmgpolicy.disclosure.DueDate": "nmgpolicy.rules.disclosure.DueDate",
        "nmgpolicy.disclosure.LoadedCatalog": "nmgpolicy.catalog.LoadedCatalog",
        "nmgpolicy.disclosure.catalog": "nmgpolicy.rules.disclosure.catalog",
        "nmgpolicy.disclosure.deadline": "nmgpolicy.rules.disclosure.deadline",
        "nmgpolicy.disclosure.item": "nmgpolicy.rules.disclosure.item",
        "nmgpolicy.disclosure.load_catalog": "nmgpolicy.rules.disclosure.load_catalog",
        "nmgpolicy.disclosure.parse_catalog": "nmgpolicy.catalog.parse_catalog",
        "nmgpolicy.ferroalloy.EnterpriseFacts": "nmgpolicy.rules.ferroalloy.EnterpriseFacts",
        "nmgpolicy.ferroalloy.FerroalloyFacts": "nmgpolicy.rules.ferroalloy.FerroalloyFacts",
        "nmgpolicy.ferroalloy.FerroalloyRuleSet": "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet",
        "nmgpolicy.ferroalloy.NewCapacity": "nmgpolicy.rules.ferroalloy.NewCapacity",
        "nmgpolicy.ferroalloy.RetiredUnit": "nmgpolicy.rules.ferroalloy.RetiredUnit",
        "nmgpolicy.ferroalloy.Tier": "nmgpolicy.rules.ferroalloy.Tier",
        "nmgpolicy.ferroalloy.plan_notice_due": "nmgpolicy.rules.ferroalloy.plan_notice_due",
        "nmgpolicy.ferroalloy.ratio": "nmgpolicy.rules.ferroalloy.ratio",
        "nmgpolicy.ferroalloy.required_retirement": "nmgpolicy.rules.ferroalloy.required_retirement",
        "nmgpolicy.ferroalloy.tier": "nmgpolicy.rules.ferroalloy.tier",
        "nmgpolicy.ferroalloy.tiers": "nmgpolicy.rules.ferroalloy.tiers",
        "nmgpolicy.first_set.Applicant": "nmgpolicy.rules.first_set.Applicant",
        "nmgpolicy.first_set.DocumentItem": "nmgpolicy.rules.first_set.DocumentItem",
        "nmgpolicy.first_set.FirstSetFacts": "nmgpolicy.rules.first_set.FirstSetFacts",
        "nmgpolicy.first_set.FirstSetRuleSet": "nmgpolicy.rules.first_set.FirstSetRuleSet",
        "nmgpolicy.first_set.NoticeWindow": "nmgpolicy.rules.first_set.NoticeWindow",
        "nmgpolicy.first_set.Product": "nmgpolicy.rules.first_set.Product",
        "nmgpolicy.first_set.ResultsDisclosureDue": "nmgpolicy.rules.disclosure.DueDate",
        "nmgpolicy.first_set.ValidityWindow": "nmgpolicy.rules.first_set.ValidityWindow",
        "nmgpolicy.first_set.checklist": "nmgpolicy.rules.first_set.checklist",
        "nmgpolicy.first_set.public_notice": "nmgpolicy.rules.first_set.public_notice",
        "nmgpolicy.first_set.results_disclosure_due": "nmgpolicy.rules.first_set.results_disclosure_due",
        "nmgpolicy.first_set.validity_window": "nmgpolicy.rules.first_set.validity_window",
    },
    "signatures": {
        "nmgpolicy.CalendarNotCovered": "(year, needed_for='')",
        "nmgpolicy.Citation": "(document, article='', clause='', text='', summary='')",
        "nmgpolicy.Citation.from_mapping": "(data)",
        "nmgpolicy.Citation.to_dict": "(self)",
        "nmgpolicy.Decision": "(ruleset, on, status, findings, results=NOTHING, notes=(), overrides=NOTHING)",
        "nmgpolicy.Decision.explain": "(self, lang='zh')",
        "nmgpolicy.Decision.finding": "(self, finding_id)",
        "nmgpolicy.Decision.to_dict": "(self)",
        "nmgpolicy.Decision.to_markdown": "(self, lang='zh')",
        "nmgpolicy.Finding": (
            "(id, status, message, citation=None, measured=None, required=None, gap=None, "
            "binding=True)"
        ),
        "nmgpolicy.Finding.to_dict": "(self)",
        "nmgpolicy.InputError": "(problems)",
        "nmgpolicy.InputError.single": "(path, message)",
        "nmgpolicy.InputError.to_dict": "(self)",
        "nmgpolicy.Message": "(zh, en)",
        "nmgpolicy.Message.get": "(self, lang='zh')",
        "nmgpolicy.Message.to_dict": "(self)",
        "nmgpolicy.NmgPolicyError": None,
        "nmgpolicy.NotInForce": "(ruleset, on, *, start=None, end=None, successor=None)",
        "nmgpolicy.Problem": "(path, message)",
        "nmgpolicy.RuleSet": "(*args, **kwargs)",
        "nmgpolicy.RuleSet.criteria": "(self)",
        "nmgpolicy.RuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.UnknownRuleSet": "(ruleset, known=())",
        "nmgpolicy.evaluate": "(ruleset_id, facts, *, on, parameters=None)",
        "nmgpolicy.get_ruleset": "(ruleset_id)",
        "nmgpolicy.register": "(ruleset)",
        "nmgpolicy.rulesets": "()",
        "nmgpolicy.rules.cluster.AnnualReport": "(year, submitted_on=None)",
        "nmgpolicy.rules.cluster.Attestations": (
            "(local_pillar=None, policy_compliant=None, niche_leading=None, "
            "chain_coordination=None, shared_facilities=None, standards_work=None, "
            "digital_infrastructure=None, green_mechanism=None, "
            "international_cooperation=None, operator=None, public_services=None, "
            "three_year_plan=None)"
        ),
        "nmgpolicy.rules.cluster.ClusterFacts": (
            "(name=None, leading_industry=None, applied_on=None, area=None, years=None, "
            "enterprises=None, employees=None, rd_staff=None, innovation_platforms=None, "
            "industrial_internet_penetration=None, high_energy=None, "
            "energy_efficiency_above_benchmark=None, high_water=None, "
            "water_efficiency_above_average=None, major_incidents_last_3_years=None, "
            "attestations=None)"
        ),
        "nmgpolicy.rules.cluster.ClusterRuleSet": "()",
        "nmgpolicy.rules.cluster.ClusterRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.cluster.ClusterRuleSet.criteria": "(self)",
        "nmgpolicy.rules.cluster.ClusterRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.cluster.ClusterRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.cluster.ClusterRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.cluster.ClusterRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.rules.cluster.Enterprise": "(name, designations=())",
        "nmgpolicy.rules.cluster.MajorChange": "(changed_on, what=None, filed_on=None)",
        "nmgpolicy.rules.cluster.RevocationGround": "(id, clause, title, citation, reasons)",
        "nmgpolicy.rules.cluster.RevocationGround.to_dict": "(self)",
        "nmgpolicy.rules.cluster.RevocationRecord": (
            "(review_failed=None, false_reporting=None, violations=None, reports=(), "
            "report_late=None, refused_monitoring=None, changes=(), major_incidents=None)"
        ),
        "nmgpolicy.rules.cluster.YearFacts": (
            "(year, output=None, sme_output=None, leading_output=None, sme_rd_expense=None, "
            "invention_patents=None, carbon_intensity=None)"
        ),
        "nmgpolicy.rules.cluster.annual_report_due": "(year, *, parameters=None)",
        "nmgpolicy.rules.cluster.change_filing_due": "(changed_on, *, parameters=None)",
        "nmgpolicy.rules.cluster.revocation_grounds": "(record, *, on=None, parameters=None)",
        "nmgpolicy.rules.cluster.valid_until": "(recognized_on, *, renewed=False, parameters=None)",
        "nmgpolicy.rules.disclosure.Conflict": "(item_id, title, catalog, ceiling, message)",
        "nmgpolicy.rules.disclosure.Conflict.to_dict": "(self)",
        "nmgpolicy.rules.disclosure.Deadline": "(item_id, formed_on, due, basis, candidates, notes=(), conflicts=())",
        "nmgpolicy.rules.disclosure.Deadline.to_dict": "(self)",
        "nmgpolicy.rules.disclosure.DeadlineCandidate": "(source, period, due, citation, event, rank='', not_before=None, needs_year=None)",
        "nmgpolicy.rules.disclosure.DeadlineCandidate.to_dict": "(self)",
        "nmgpolicy.rules.disclosure.DisclosureFacts": "(item, formed_on, published_on=None)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet": "()",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.criteria": "(self)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.rules.disclosure.DueDate": "(deadline)",
        "nmgpolicy.rules.disclosure.DueDate.replace": "(self, *args, **kwargs)",
        "nmgpolicy.rules.disclosure.DueDate.to_dict": "(self)",
        "nmgpolicy.rules.disclosure.catalog": "()",
        "nmgpolicy.rules.disclosure.deadline": "(item_id, formed_on, *, parameters=None)",
        "nmgpolicy.rules.disclosure.item": "(item_id)",
        "nmgpolicy.rules.disclosure.load_catalog": (
            "(source, *, inherit={'audience_public', 'basis', 'basis_text', 'category', "
            "'channel', 'duty', 'effect_level', 'office', 'publisher', 'time_limit'}, "
            "ids=None, encoding=None)"
        ),
        "nmgpolicy.rules.ferroalloy.EnterpriseFacts": "(kind=None, scale_after=None)",
        "nmgpolicy.rules.ferroalloy.FerroalloyFacts": (
            "(enterprise=None, new_capacity=None, retired=None, "
            "assessed_by_grade_a_consultant=None, ferrosilicon_equivalents=None)"
        ),
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet": "()",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.criteria": "(self)",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.rules.ferroalloy.NewCapacity": "(product=None, capacity=None)",
        "nmgpolicy.rules.ferroalloy.RetiredUnit": (
            "(id, product=None, assessed=None, approved=None, source=None, in_region=None, "
            "eliminated_category_2024=None, furnace_type=None, transformer=None, "
            "ferroalloy_smelting=None, plan_year=None)"
        ),
        "nmgpolicy.rules.ferroalloy.Tier": (
            "(kind, id, lower, upper, ratio, mode, kind_name, lower_param=None, "
            "upper_param=None, ratio_param='')"
        ),
        "nmgpolicy.rules.ferroalloy.Tier.contains": "(self, scale)",
        "nmgpolicy.rules.ferroalloy.Tier.to_dict": "(self)",
        "nmgpolicy.rules.ferroalloy.plan_notice_due": "(formed_on, *, parameters=None)",
        "nmgpolicy.rules.ferroalloy.ratio": "(kind, scale_after, *, on=None, parameters=None)",
        "nmgpolicy.rules.ferroalloy.required_retirement": "(kind, scale_after, new_capacity, *, on=None, parameters=None)",
        "nmgpolicy.rules.ferroalloy.tier": "(kind, scale_after, *, on=None, parameters=None)",
        "nmgpolicy.rules.ferroalloy.tiers": "(kind=None, *, on=None, parameters=None)",
        "nmgpolicy.rules.first_set.Applicant": (
            "(registered_in_region=None, produced_in_region=None, "
            "accidents_last_3_years=None, management_standardized=None, tax_compliant=None, "
            "operating_normally=None, credit_good=None, "
            "design_and_integration_capability=None, disqualified_for_false_materials=None)"
        ),
        "nmgpolicy.rules.first_set.DocumentItem": "(id, item, title, text, required, categories=(), fact=None, condition=None)",
        "nmgpolicy.rules.first_set.DocumentItem.to_dict": "(self)",
        "nmgpolicy.rules.first_set.FirstSetFacts": (
            "(category=None, unit_value=None, completed_on=None, applied_on=None, "
            "applicant=None, product=None, documents=None)"
        ),
        "nmgpolicy.rules.first_set.FirstSetRuleSet": "()",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.criteria": "(self)",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.first_set.FirstSetRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.rules.first_set.NoticeWindow": "(first, last)",
        "nmgpolicy.rules.first_set.Product": (
            "(fits_industrial_policy=None, technology_leading=None, fills_regional_gap=None, "
            "promotes_industry_upgrading=None, no_large_market_record=None, "
            "performance_reliable=None, first_in_region=None, "
            "has_invention_or_utility_patent=None, owns_core_ip=None, owns_trademark=None, "
            "technology_mature=None, process_and_equipment_system=None, "
            "has_product_standard=None, market_prospects_good=None, "
            "advanced_among_peers=None, needs_production_license=None, "
            "has_production_license=None, needs_ccc=None, has_ccc=None, "
            "for_own_use_only=None, oem_or_kit_assembly=None, sei_code=None)"
        ),
        "nmgpolicy.rules.first_set.ValidityWindow": "(start, end)",
        "nmgpolicy.rules.first_set.checklist": "()",
        "nmgpolicy.rules.first_set.public_notice": "(start, *, parameters=None)",
        "nmgpolicy.rules.first_set.results_disclosure_due": "(formed_on, *, parameters=None)",
        "nmgpolicy.rules.first_set.validity_window": "(published_on, *, parameters=None)",
        "nmgpolicy.rules.sme_innovative.InnovativeFacts": (
            "(is_sme=None, not_abnormal_or_dishonest=None, no_major_incident=None, "
            "ip_class=None, rd_expense_share=None, main_revenue_y1=None, "
            "main_revenue_y2=None, debt_ratio=None, product_field=None, "
            "main_revenue_share=None, science_awards_3y=None, valid_titles=None, "
            "rd_institution_level=None, equity_financing_3y=None)"
        ),
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet": "()",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.criteria": "(self)",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.rules.sme_innovative.ScienceAward": "(level, rank=None, name=None)",
        "nmgpolicy.rules.sme_specialized.SpecializedFacts": (
            "(is_sme=None, not_abnormal_or_dishonest=None, no_major_incident=None, "
            "niche_years=None, rd_expense_y1=None, rd_expense_y2=None, rd_expense_share=None, "
            "revenue_y1=None, equity_financing_2y=None, main_revenue_share=None, "
            "main_revenue_y1=None, main_revenue_y2=None, main_revenue_y3=None, "
            "product_field=None, digital_level=None, quality_items=None, "
            "net_profit_margin=None, debt_ratio=None, characteristic_score=None, "
            "ip_class=None, rd_staff_share=None, rd_institution_level=None, "
            "science_awards_3y=None, maker_china_top500_3y=None)"
        ),
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet": "()",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.criteria": "(self)",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.sme.PriorityEntry": "(kind, name, list_title, citation, part=None)",
        "nmgpolicy.sme.PriorityEntry.to_dict": "(self)",
        "nmgpolicy.sme.PriorityMatch": "(query, normalised, entries)",
        "nmgpolicy.sme.PriorityMatch.to_dict": "(self)",
        "nmgpolicy.sme.TargetProgress": "(category, title, wording, target, count, share, remaining, reached)",
        "nmgpolicy.sme.TargetProgress.to_dict": "(self)",
        "nmgpolicy.sme.TargetsReport": "(year, categories, citation, overrides=NOTHING)",
        "nmgpolicy.sme.TargetsReport.category": "(self, name)",
        "nmgpolicy.sme.TargetsReport.to_dict": "(self)",
        "nmgpolicy.sme.articles": "()",
        "nmgpolicy.sme.priority_chain": "(name)",
        "nmgpolicy.sme.priority_fields": "()",
        "nmgpolicy.sme.priority_lists": "()",
        "nmgpolicy.sme.targets_progress": "(counts, *, parameters=None)",
        "nmgpolicy.inspection.Assignment": "(entity, inspectors, excluded=())",
        "nmgpolicy.inspection.Assignment.to_dict": "(self)",
        "nmgpolicy.inspection.Draw": (
            "(seed, inputs, inputs_digest, n, per_team, assignments, record, "
            "algorithm='nmgpolicy-draw', version=2, words_used=0, commitment=None, "
            "min_team_size=2)"
        ),
        "nmgpolicy.inspection.Draw.team": "(self, entity)",
        "nmgpolicy.inspection.Draw.to_dict": "(self)",
        "nmgpolicy.inspection.InspectionRecord": "(item, title, basis, subject, content, method, publication)",
        "nmgpolicy.inspection.InspectionRecord.to_dict": "(self)",
        "nmgpolicy.inspection.Inspector": "(id, conflicts={})",
        "nmgpolicy.inspection.Inspector.to_dict": "(self)",
        "nmgpolicy.inspection.Stream": "(seed, digest, *, version=2)",
        "nmgpolicy.inspection.Stream.below": "(self, m)",
        "nmgpolicy.inspection.Stream.choose": "(self, items, k)",
        "nmgpolicy.inspection.Stream.word": "(self)",
        "nmgpolicy.inspection.commit": "(seed)",
        "nmgpolicy.inspection.discrepancies": "(published)",
        "nmgpolicy.inspection.draw": "(entities, inspectors, *, n, per_team=2, seed, commitment=None, min_team_size=2)",
        "nmgpolicy.inspection.inspection_record": "()",
        "nmgpolicy.inspection.name_key": "(name)",
        "nmgpolicy.inspection.verify": "(published)",
        "nmgpolicy.catalog.Anomaly": "(line, column, kind, message)",
        "nmgpolicy.catalog.CatalogItem": (
            "(id, level1, level2, level3, title, content, basis, basis_text, effect_level, "
            "time_limit_text, publisher, category, channel, audience_public, "
            "audience_specific, office, duty, source_line)"
        ),
        "nmgpolicy.catalog.LoadedCatalog": "(items, anomalies, title='')",
        "nmgpolicy.catalog.LoadedCatalog.item": "(self, item_id)",
        "nmgpolicy.catalog.bundled_catalog": "()",
        "nmgpolicy.catalog.bundled_ids": "()",
        "nmgpolicy.catalog.normalise_title": "(title)",
        "nmgpolicy.catalog.parse_catalog": (
            "(text, *, inherit={'audience_public', 'basis', 'basis_text', 'category', "
            "'channel', 'duty', 'effect_level', 'office', 'publisher', 'time_limit'}, "
            "ids=None)"
        ),
        "nmgpolicy.periods.CalendarFileError": "(file, problems, *, origin=None)",
        "nmgpolicy.periods.CalendarFileError.single": "(path, message)",
        "nmgpolicy.periods.CalendarFileError.to_dict": "(self)",
        "nmgpolicy.periods.Period": "(amount, unit)",
        "nmgpolicy.periods.Period.describe": "(self, lang='zh')",
        "nmgpolicy.periods.Registration": "(year, source, notice, replaces_shipped)",
        "nmgpolicy.periods.Registration.note": "(self)",
        "nmgpolicy.periods.add_working_days": "(start, n)",
        "nmgpolicy.periods.covered_years": "()",
        "nmgpolicy.periods.deadline": "(start, period)",
        "nmgpolicy.periods.find_period": "(text)",
        "nmgpolicy.periods.is_working_day": "(d)",
        "nmgpolicy.periods.next_working_day": "(d)",
        "nmgpolicy.periods.notice_window": "(start, working_days)",
        "nmgpolicy.periods.parse_period": "(value, *, path='$.period')",
        "nmgpolicy.periods.period_end": "(start, period)",
        "nmgpolicy.periods.register_schedule_file": "(path)",
        "nmgpolicy.periods.register_year": "(year, *, holidays, workdays=(), source=None, notice=None)",
        "nmgpolicy.periods.registrations": "()",
        "nmgpolicy.periods.track_registered_years": "()",
        "nmgpolicy.periods.unregister_year": "(year)",
        "nmgpolicy.periods.working_days_between": "(a, b)",
        "nmgpolicy.units.Quantity": "(value, units=None)",
        "nmgpolicy.units.Quantity.check": "(self, dimension)",
        "nmgpolicy.units.Quantity.clip": "(self, min=None, max=None, out=None, **kwargs)",
        "nmgpolicy.units.Quantity.compare": "(self, *args, **kwargs)",
        "nmgpolicy.units.Quantity.compatible_units": "(self, *contexts)",
        "nmgpolicy.units.Quantity.compute": "(self, **kwargs)",
        "nmgpolicy.units.Quantity.dot": "(self, b)",
        "nmgpolicy.units.Quantity.fill": "(self, value)",
        "nmgpolicy.units.Quantity.format_babel": "(self, spec='', **kwspec)",
        "nmgpolicy.units.Quantity.from_list": "(quant_list, units=None)",
        "nmgpolicy.units.Quantity.from_sequence": "(seq, units=None)",
        "nmgpolicy.units.Quantity.from_tuple": "(tup)",
        "nmgpolicy.units.Quantity.is_compatible_with": "(self, other, *contexts, **ctx_kwargs)",
        "nmgpolicy.units.Quantity.ito": "(self, other=None, *contexts, **ctx_kwargs)",
        "nmgpolicy.units.Quantity.ito_base_units": "(self)",
        "nmgpolicy.units.Quantity.ito_preferred": "(quantity, preferred_units=None)",
        "nmgpolicy.units.Quantity.ito_reduced_units": "(quantity)",
        "nmgpolicy.units.Quantity.ito_root_units": "(self)",
        "nmgpolicy.units.Quantity.ito_unprefixed": "(quantity)",
        "nmgpolicy.units.Quantity.m_as": "(self, units)",
        "nmgpolicy.units.Quantity.persist": "(self, **kwargs)",
        "nmgpolicy.units.Quantity.plus_minus": "(self, error, relative=False)",
        "nmgpolicy.units.Quantity.prod": (
            "(a, axis=None, dtype=None, out=None, keepdims=<no value>, initial=<no value>, "
            "where=<no value>)"
        ),
        "nmgpolicy.units.Quantity.put": "(self, indices, values, mode='raise')",
        "nmgpolicy.units.Quantity.searchsorted": "(self, v, side='left', sorter=None)",
        "nmgpolicy.units.Quantity.to": "(self, other=None, *contexts, **ctx_kwargs)",
        "nmgpolicy.units.Quantity.to_base_units": "(self)",
        "nmgpolicy.units.Quantity.to_compact": "(quantity, unit=None)",
        "nmgpolicy.units.Quantity.to_preferred": "(quantity, preferred_units=None)",
        "nmgpolicy.units.Quantity.to_reduced_units": "(quantity)",
        "nmgpolicy.units.Quantity.to_root_units": "(self)",
        "nmgpolicy.units.Quantity.to_timedelta": "(self)",
        "nmgpolicy.units.Quantity.to_tuple": "(self)",
        "nmgpolicy.units.Quantity.to_unprefixed": "(quantity)",
        "nmgpolicy.units.Quantity.tolist": "(self)",
        "nmgpolicy.units.Quantity.unit_items": "(self)",
        "nmgpolicy.units.Quantity.visualize": "(self, **kwargs)",
        "nmgpolicy.units.convert": "(value, kind, unit)",
        "nmgpolicy.units.format_amount": "(value, kind, *, unit=None, lang='zh')",
        "nmgpolicy.units.format_decimal": "(d)",
        "nmgpolicy.units.parse_amount": "(value, kind, *, path)",
        "nmgpolicy.units.parse_count": "(value, *, path)",
        "nmgpolicy.units.parse_measure": "(value, kinds, *, path)",
        "nmgpolicy.units.parse_ratio": "(value, *, path, signed=True)",
        "nmgpolicy.units.parse_share": "(value, *, path)",
        "nmgpolicy.units.quantity": "(text, *, path='$')",
        "nmgpolicy.units.ureg": "(input_string, case_sensitive=None, **values)",
        "nmgpolicy.outcome.Amount": "(value, kind, unit=None)",
        "nmgpolicy.outcome.Amount.text": "(self, lang='zh')",
        "nmgpolicy.outcome.FrozenDict": "(*args, **kwargs)",
        "nmgpolicy.outcome.FrozenDict.clear": "(self, *_, **__)",
        "nmgpolicy.outcome.FrozenDict.copy": "(self)",
        "nmgpolicy.outcome.FrozenDict.pop": "(self, *_, **__)",
        "nmgpolicy.outcome.FrozenDict.popitem": "(self, *_, **__)",
        "nmgpolicy.outcome.FrozenDict.setdefault": "(self, *_, **__)",
        "nmgpolicy.outcome.FrozenDict.update": "(self, *_, **__)",
        "nmgpolicy.outcome.FrozenList": "(items=())",
        "nmgpolicy.outcome.Percent": "(value='0', context=None)",
        "nmgpolicy.outcome.aggregate": "(findings)",
        "nmgpolicy.outcome.display": "(value, lang='zh', labels=None)",
        "nmgpolicy.outcome.freeze": "(value)",
        "nmgpolicy.outcome.jsonable": "(value)",
        "nmgpolicy.engine.BaseRuleSet": "()",
        "nmgpolicy.engine.BaseRuleSet.check_in_force": "(self, on, notes, params)",
        "nmgpolicy.engine.BaseRuleSet.criteria": "(self)",
        "nmgpolicy.engine.BaseRuleSet.decide": "(self, facts, ctx)",
        "nmgpolicy.engine.BaseRuleSet.evaluate": "(self, facts, *, on, parameters=None)",
        "nmgpolicy.engine.BaseRuleSet.in_force_date": "(self, facts, on, params)",
        "nmgpolicy.engine.BaseRuleSet.parse_facts": "(self, facts)",
        "nmgpolicy.engine.Context": "(on, params, data, notes=NOTHING)",
        "nmgpolicy.engine.Context.citation": "(self, criterion_id)",
        "nmgpolicy.engine.Context.finding": (
            "(self, criterion_id, status, zh, en, *, measured=None, required=None, gap=None, "
            "binding=None, citation_of=None)"
        ),
        "nmgpolicy.engine.Context.label": "(self, code)",
        "nmgpolicy.engine.Context.note": "(self, zh, en)",
        "nmgpolicy.errors.UnknownFinding": "(finding_id, known=())",
        "nmgpolicy.errors.shown": "(value, limit=60)",
        "nmgpolicy.params.CriterionInfo": "(id, title, citation, binding=True)",
        "nmgpolicy.params.DatedValue": "(value, start=None, end=None)",
        "nmgpolicy.params.DatedValue.covers": "(self, on)",
        "nmgpolicy.params.Parameter": "(name, type, description, citation, values, raw=(), range=None)",
        "nmgpolicy.params.Parameter.at": "(self, on)",
        "nmgpolicy.params.Parameter.display": "(self, value)",
        "nmgpolicy.params.Parameter.parse": "(self, value, path)",
        "nmgpolicy.params.ParameterSet": (
            "(ruleset, title, document, in_force_from, in_force_to, successor, window_note, "
            "parameters, criteria, extra=NOTHING, labels=NOTHING)"
        ),
        "nmgpolicy.params.ParameterSet.citation": "(self, criterion_id)",
        "nmgpolicy.params.ParameterSet.label": "(self, code)",
        "nmgpolicy.params.ParameterSet.resolve": "(self, on, overrides=None)",
        "nmgpolicy.params.Range": "(low, high, low_closed, high_closed, low_text, high_text)",
        "nmgpolicy.params.Range.contains": "(self, value)",
        "nmgpolicy.params.Range.describe": "(self)",
        "nmgpolicy.params.Resolved": "(values, overrides, defaults=NOTHING)",
        "nmgpolicy.params.Resolved.changed": "(self)",
        "nmgpolicy.params.load_parameters": "(ruleset_id)",
        "nmgpolicy.params.parse_date": "(value, path)",
        "nmgpolicy.schema.facts_schema": "(ruleset_id)",
        "nmgpolicy.cli.example_cases": "()",
        "nmgpolicy.cli.examples_dir": "()",
        "nmgpolicy.cli.main": "(argv=None, *, out=None, err=None, stdin=None)",
        "nmgpolicy.cli.today_in_china": "()",
        "nmgpolicy.criteria.attestation": "(ctx, criterion_id, value, subject)",
        "nmgpolicy.criteria.flag": (
            "(ctx, criterion_id, value, subject, *, expected=True, absent=<Status.UNKNOWN: "
            "'unknown'>)"
        ),
        "nmgpolicy.criteria.not_applicable": "(ctx, criterion_id, reason)",
        "nmgpolicy.criteria.show": "(value, *, kind=None, unit=None, percent=False, lang='zh')",
        "nmgpolicy.criteria.threshold": (
            "(ctx, criterion_id, measured, required, subject, *, compare=<Compare.AT_LEAST: "
            "'>='>, kind=None, unit=None, percent=False, soft=False)"
        ),
        "nmgpolicy.render.criteria_text": "(title, criteria, lang='zh')",
        "nmgpolicy.render.decision_html": "(decision, lang='zh')",
        "nmgpolicy.render.decision_markdown": "(decision, lang='zh')",
        "nmgpolicy.render.decision_text": "(decision, lang='zh')",
        "nmgpolicy.render.status_label": "(status, lang='zh')",
        "nmgpolicy.limits.Budget": (
            "(max_input_bytes=1000000, max_depth=32, max_values=20000, max_list_length=10000, "
            "max_keys=1000, max_key_length=200, max_string_length=10000, max_digits=50, "
            "max_exponent=100, max_problems=100)"
        ),
        "nmgpolicy.limits.number_problem": (
            "(value, budget=Budget(max_input_bytes=1000000, max_depth=32, max_values=20000, "
            "max_list_length=10000, max_keys=1000, max_key_length=200, "
            "max_string_length=10000, max_digits=50, max_exponent=100, max_problems=100))"
        ),
        "nmgpolicy.limits.over": (
            "(what, limit, unit, budget=Budget(max_input_bytes=1000000, max_depth=32, "
            "max_values=20000, max_list_length=10000, max_keys=1000, max_key_length=200, "
            "max_string_length=10000, max_digits=50, max_exponent=100, max_problems=100))"
        ),
        "nmgpolicy.convert.AreaKm2": None,
        "nmgpolicy.convert.Count": None,
        "nmgpolicy.convert.Kva": None,
        "nmgpolicy.convert.Measure": "(value, kind)",
        "nmgpolicy.convert.Measure.amount": "(self, unit=None)",
        "nmgpolicy.convert.Money": None,
        "nmgpolicy.convert.Ratio": None,
        "nmgpolicy.convert.Share": None,
        "nmgpolicy.convert.Tonnes": None,
        "nmgpolicy.convert.TonnesPerYuan": None,
        "nmgpolicy.convert.UnsignedRatio": None,
        "nmgpolicy.convert.Years": None,
        "nmgpolicy.convert.structure": "(data, cls, *, root='$')",
    },
    "members": {
        "nmgpolicy.CalendarNotCovered": "add_note args with_traceback",
        "nmgpolicy.Citation": "from_mapping label to_dict",
        "nmgpolicy.Decision": "explain finding to_dict to_markdown",
        "nmgpolicy.Finding": "to_dict",
        "nmgpolicy.InputError": "add_note args paths single to_dict with_traceback",
        "nmgpolicy.Message": "get to_dict",
        "nmgpolicy.NmgPolicyError": "add_note args with_traceback",
        "nmgpolicy.NotInForce": "add_note args with_traceback",
        "nmgpolicy.Problem": "count index message path",
        "nmgpolicy.RuleSet": "criteria evaluate id title",
        "nmgpolicy.UnknownRuleSet": "add_note args with_traceback",
        "nmgpolicy.rules.cluster.AnnualReport": "",
        "nmgpolicy.rules.cluster.Attestations": "",
        "nmgpolicy.rules.cluster.ClusterFacts": "",
        "nmgpolicy.rules.cluster.ClusterRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.rules.cluster.Enterprise": "",
        "nmgpolicy.rules.cluster.MajorChange": "",
        "nmgpolicy.rules.cluster.RevocationGround": "to_dict",
        "nmgpolicy.rules.cluster.RevocationRecord": "",
        "nmgpolicy.rules.cluster.YearFacts": "",
        "nmgpolicy.rules.disclosure.Conflict": "to_dict",
        "nmgpolicy.rules.disclosure.Deadline": "to_dict",
        "nmgpolicy.rules.disclosure.DeadlineCandidate": "earliest to_dict",
        "nmgpolicy.rules.disclosure.DisclosureFacts": "",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.rules.disclosure.DueDate": (
            "basis candidates conflicts ctime day due formed_on fromisocalendar fromisoformat "
            "fromordinal fromtimestamp isocalendar isoformat isoweekday item_id max min month "
            "notes replace resolution strftime timetuple to_dict today toordinal weekday year"
        ),
        "nmgpolicy.rules.ferroalloy.EnterpriseFacts": "",
        "nmgpolicy.rules.ferroalloy.FerroalloyFacts": "",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.rules.ferroalloy.NewCapacity": "",
        "nmgpolicy.rules.ferroalloy.RetiredUnit": "",
        "nmgpolicy.rules.ferroalloy.Tier": "band contains ratio_text to_dict",
        "nmgpolicy.rules.first_set.Applicant": "",
        "nmgpolicy.rules.first_set.DocumentItem": "to_dict",
        "nmgpolicy.rules.first_set.FirstSetFacts": "",
        "nmgpolicy.rules.first_set.FirstSetRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.rules.first_set.NoticeWindow": "count first index last",
        "nmgpolicy.rules.first_set.Product": "",
        "nmgpolicy.rules.first_set.ValidityWindow": "count end index start",
        "nmgpolicy.rules.sme_innovative.InnovativeFacts": "",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.rules.sme_innovative.ScienceAward": "",
        "nmgpolicy.rules.sme_specialized.SpecializedFacts": "",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet": (
            "check_in_force criteria data decide evaluate facts_type id in_force_date "
            "parse_facts title"
        ),
        "nmgpolicy.sme.PriorityEntry": "to_dict",
        "nmgpolicy.sme.PriorityMatch": "kinds matched to_dict",
        "nmgpolicy.sme.TargetProgress": "to_dict",
        "nmgpolicy.sme.TargetsReport": "category to_dict",
        "nmgpolicy.inspection.Assignment": "to_dict",
        "nmgpolicy.inspection.Draw": "selected team to_dict",
        "nmgpolicy.inspection.InspectionRecord": "to_dict",
        "nmgpolicy.inspection.Inspector": "to_dict",
        "nmgpolicy.inspection.Stream": "below choose word",
        "nmgpolicy.catalog.Anomaly": "",
        "nmgpolicy.catalog.CatalogItem": "audience time_limit",
        "nmgpolicy.catalog.LoadedCatalog": "ids item",
        "nmgpolicy.periods.CalendarFileError": "add_note args paths single to_dict with_traceback",
        "nmgpolicy.periods.Period": "describe",
        "nmgpolicy.periods.Registration": "note",
        "nmgpolicy.units.Quantity": (
            "T UnitsContainer check clip compare compatible_units compute dimensionality "
            "dimensionless dot dtype fill flat force_ndarray force_ndarray_like format_babel "
            "from_list from_sequence from_tuple imag is_compatible_with ito ito_base_units "
            "ito_preferred ito_reduced_units ito_root_units ito_unprefixed m m_as magnitude "
            "ndim persist plus_minus prod put real searchsorted shape to to_base_units "
            "to_compact to_preferred to_reduced_units to_root_units to_timedelta to_tuple "
            "to_unprefixed tolist u unit_items unitless units visualize"
        ),
        "nmgpolicy.outcome.Amount": "text",
        "nmgpolicy.outcome.FrozenDict": "clear copy fromkeys get items keys pop popitem setdefault update values",
        "nmgpolicy.outcome.FrozenList": "count index",
        "nmgpolicy.outcome.Percent": (
            "adjusted as_integer_ratio as_tuple canonical compare compare_signal "
            "compare_total compare_total_mag conjugate copy_abs copy_negate copy_sign exp fma "
            "from_float imag is_canonical is_finite is_infinite is_nan is_normal is_qnan "
            "is_signed is_snan is_subnormal is_zero ln log10 logb logical_and logical_invert "
            "logical_or logical_xor max max_mag min min_mag next_minus next_plus next_toward "
            "normalize number_class quantize radix real remainder_near rotate same_quantum "
            "scaleb shift sqrt to_eng_string to_integral to_integral_exact to_integral_value"
        ),
        "nmgpolicy.engine.BaseRuleSet": "check_in_force criteria data decide evaluate in_force_date parse_facts title",
        "nmgpolicy.engine.Context": "citation finding label note",
        "nmgpolicy.errors.UnknownFinding": "add_note args with_traceback",
        "nmgpolicy.params.CriterionInfo": "",
        "nmgpolicy.params.DatedValue": "covers",
        "nmgpolicy.params.Parameter": "at display example parse",
        "nmgpolicy.params.ParameterSet": "citation label resolve",
        "nmgpolicy.params.Range": "contains describe example",
        "nmgpolicy.params.Resolved": "changed",
        "nmgpolicy.limits.Budget": "",
        "nmgpolicy.convert.Measure": "amount",
    },
    "constants": {
        "nmgpolicy.__version__": "'0.1.0'",
        "nmgpolicy.rules.cluster.ATTESTATIONS": (
            "('local_pillar', 'policy_compliant', 'niche_leading', 'chain_coordination', "
            "'shared_facilities', 'standards_work', 'digital_infrastructure', "
            "'green_mechanism', 'international_cooperation', 'operator', 'public_services', "
            "'three_year_plan')"
        ),
        "nmgpolicy.rules.cluster.DESIGNATIONS": "('single_champion', 'little_giant', 'innovative_sme', 'specialized_sme', 'high_tech')",
        "nmgpolicy.rules.disclosure.CATALOG_TITLE": "'包头市工业和信息化局主动公开事项目录'",
        "nmgpolicy.rules.first_set.CATEGORIES": "('complete_set', 'single_equipment', 'key_component', 'new_material')",
        "nmgpolicy.inspection.ALGORITHM": "'nmgpolicy-draw'",
        "nmgpolicy.inspection.ALGORITHM_VERSION": "2",
        "nmgpolicy.inspection.COMMITMENT_SCHEME": "'nmgpolicy-commit/1'",
        "nmgpolicy.inspection.MIN_TEAM_SIZE": "2",
        "nmgpolicy.inspection.PER_TEAM": "2",
        "nmgpolicy.inspection.VERSIONS": "(1, 2)",
        "nmgpolicy.catalog.COLUMNS": (
            "('level1', 'level2', 'level3', 'content', 'basis', 'basis_text', 'effect_level', "
            "'time_limit', 'publisher', 'category', 'channel', 'audience_public', "
            "'audience_specific', 'office', 'duty')"
        ),
        "nmgpolicy.catalog.DEFAULT_INHERITED": (
            "{'audience_public', 'basis', 'basis_text', 'category', 'channel', 'duty', "
            "'effect_level', 'office', 'publisher', 'time_limit'}"
        ),
        "nmgpolicy.periods.ENVIRONMENT_VARIABLE": "'NMGPOLICY_CALENDAR'",
        "nmgpolicy.periods.MAX_SCHEDULE_FILE_BYTES": "1000000",
        "nmgpolicy.units.MAX_AMOUNT": "Decimal('1E+18')",
        "nmgpolicy.units.MAX_RATIO": "Decimal('100')",
        "nmgpolicy.params.MAX_PLACES": "12",
        "nmgpolicy.params.MAX_TEXT": "1000",
        "nmgpolicy.cli.CHINA": "datetime.timezone(datetime.timedelta(seconds=28800), 'UTC+08:00')",
        "nmgpolicy.cluster.ATTESTATIONS": (
            "('local_pillar', 'policy_compliant', 'niche_leading', 'chain_coordination', "
            "'shared_facilities', 'standards_work', 'digital_infrastructure', "
            "'green_mechanism', 'international_cooperation', 'operator', 'public_services', "
            "'three_year_plan')"
        ),
        "nmgpolicy.cluster.DESIGNATIONS": "('single_champion', 'little_giant', 'innovative_sme', 'specialized_sme', 'high_tech')",
        "nmgpolicy.disclosure.CATALOG_TITLE": "'包头市工业和信息化局主动公开事项目录'",
        "nmgpolicy.first_set.CATEGORIES": "('complete_set', 'single_equipment', 'key_component', 'new_material')",
        "nmgpolicy.limits.BUDGET": (
            "Budget(max_input_bytes=1000000, max_depth=32, max_values=20000, "
            "max_list_length=10000, max_keys=1000, max_key_length=200, "
            "max_string_length=10000, max_digits=50, max_exponent=100, max_problems=100)"
        ),
        "nmgpolicy.limits.MAX_INPUT_BYTES": "1000000",
    },
    "enums": {
        "nmgpolicy.DecisionStatus": [
            ["ELIGIBLE", "eligible"],
            ["INELIGIBLE", "ineligible"],
            ["UNDETERMINED", "undetermined"],
        ],
        "nmgpolicy.Status": [
            ["MET", "met"],
            ["NOT_MET", "not_met"],
            ["UNKNOWN", "unknown"],
            ["REVIEW", "review"],
            ["NOT_APPLICABLE", "not_applicable"],
        ],
        "nmgpolicy.periods.PeriodUnit": [
            ["DAY", "day"],
            ["WORKING_DAY", "working_day"],
            ["MONTH", "month"],
            ["YEAR", "year"],
        ],
        "nmgpolicy.units.Kind": [
            ["MONEY", "money"],
            ["MASS", "mass"],
            ["APPARENT_POWER", "apparent_power"],
            ["AREA", "area"],
            ["MONEY_PER_SET", "money_per_set"],
            ["MONEY_PER_MACHINE", "money_per_machine"],
            ["MONEY_PER_MASS", "money_per_mass"],
            ["MASS_PER_MONEY", "mass_per_money"],
        ],
        "nmgpolicy.criteria.Compare": [
            ["AT_LEAST", ">="],
            ["AT_MOST", "<="],
            ["BELOW", "<"],
            ["ABOVE", ">"],
        ],
    },
    "literals": {
        "nmgpolicy.rules.cluster.Designation": [
            "single_champion",
            "little_giant",
            "innovative_sme",
            "specialized_sme",
            "high_tech",
        ],
        "nmgpolicy.rules.first_set.Category": [
            "complete_set",
            "single_equipment",
            "key_component",
            "new_material",
        ],
        "nmgpolicy.rules.sme_innovative.IpClass": [
            "class1_high_value",
            "class1_own",
            "class1",
            "class2",
            "none",
        ],
        "nmgpolicy.rules.sme_innovative.ProductField": ["strategic_emerging", "other"],
        "nmgpolicy.rules.sme_innovative.RdInstitutionLevel": [
            "national",
            "provincial",
            "municipal",
            "below_municipal",
            "none",
        ],
        "nmgpolicy.rules.sme_innovative.Title": [
            "high_tech",
            "tech_innovation_demo",
            "ip_advantage",
            "ip_demo",
        ],
        "nmgpolicy.rules.sme_specialized.DigitalLevel": ["level3_or_above", "level2", "level1"],
        "nmgpolicy.rules.sme_specialized.IpClass": [
            "class1_high_value",
            "class1_own",
            "class1",
            "class2",
            "none",
        ],
        "nmgpolicy.rules.sme_specialized.ProductField": ["gap_filling", "foundation", "other"],
        "nmgpolicy.rules.sme_specialized.QualityItem": [
            "quality_award",
            "system_certification",
            "own_brand",
            "standard_setting",
        ],
        "nmgpolicy.rules.sme_specialized.RdInstitutionLevel": [
            "national",
            "provincial",
            "municipal",
            "below_municipal",
            "none",
        ],
        "nmgpolicy.cluster.Designation": [
            "single_champion",
            "little_giant",
            "innovative_sme",
            "specialized_sme",
            "high_tech",
        ],
        "nmgpolicy.first_set.Category": [
            "complete_set",
            "single_equipment",
            "key_component",
            "new_material",
        ],
    },
    "modules_of": {
        "nmgpolicy.rules.cluster.AnnualReport": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.Attestations": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.ClusterFacts": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.ClusterRuleSet": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.Enterprise": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.MajorChange": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.RevocationGround": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.RevocationRecord": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.YearFacts": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.annual_report_due": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.change_filing_due": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.revocation_grounds": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.cluster.valid_until": "nmgpolicy.rules.cluster",
        "nmgpolicy.rules.disclosure.Conflict": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.Deadline": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.DeadlineCandidate": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.DisclosureFacts": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.DisclosureRuleSet": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.DueDate": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.catalog": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.deadline": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.item": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.disclosure.load_catalog": "nmgpolicy.catalog",
        "nmgpolicy.rules.ferroalloy.EnterpriseFacts": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.FerroalloyFacts": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.FerroalloyRuleSet": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.NewCapacity": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.RetiredUnit": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.Tier": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.plan_notice_due": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.ratio": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.required_retirement": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.tier": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.ferroalloy.tiers": "nmgpolicy.rules.ferroalloy",
        "nmgpolicy.rules.first_set.Applicant": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.DocumentItem": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.FirstSetFacts": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.FirstSetRuleSet": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.NoticeWindow": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.Product": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.ResultsDisclosureDue": "nmgpolicy.rules.disclosure",
        "nmgpolicy.rules.first_set.ValidityWindow": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.checklist": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.public_notice": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.results_disclosure_due": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.first_set.validity_window": "nmgpolicy.rules.first_set",
        "nmgpolicy.rules.sme_innovative.InnovativeFacts": "nmgpolicy.rules.sme_innovative",
        "nmgpolicy.rules.sme_innovative.InnovativeRuleSet": "nmgpolicy.rules.sme_innovative",
        "nmgpolicy.rules.sme_innovative.ScienceAward": "nmgpolicy.rules._sme_scoring",
        "nmgpolicy.rules.sme_specialized.ScienceAward": "nmgpolicy.rules._sme_scoring",
        "nmgpolicy.rules.sme_specialized.SpecializedFacts": "nmgpolicy.rules.sme_specialized",
        "nmgpolicy.rules.sme_specialized.SpecializedRuleSet": "nmgpolicy.rules.sme_specialized",
    },
    "rulesets": [
        "cluster",
        "disclosure",
        "ferroalloy",
        "first_set",
        "sme_innovative",
        "sme_specialized",
    ],
    "criteria": {
        "cluster": (
            "cluster.local_pillar cluster.policy_compliant cluster.niche_leading cluster.area "
            "cluster.output cluster.sme_share cluster.leading_share cluster.leading_growth "
            "cluster.anchor_enterprises cluster.chain_coordination cluster.shared_facilities "
            "cluster.innovation_growth cluster.patent_density cluster.standards_work "
            "cluster.innovation_platforms cluster.rd_staff_share cluster.industrial_internet "
            "cluster.digital_infrastructure cluster.carbon_intensity cluster.green_mechanism "
            "cluster.energy_efficiency cluster.water_efficiency "
            "cluster.international_cooperation cluster.operator cluster.public_services "
            "cluster.three_year_plan cluster.no_major_incidents"
        ),
        "disclosure": "disclosure.on_time",
        "ferroalloy": (
            "ferroalloy.ratio_tier ferroalloy.unit ferroalloy.assessment "
            "ferroalloy.conversion ferroalloy.sufficient_retirement"
        ),
        "first_set": (
            "first_set.fits_industrial_policy first_set.patent first_set.technology_leading "
            "first_set.fills_regional_gap first_set.promotes_industry_upgrading "
            "first_set.no_large_market_record first_set.registered_in_region "
            "first_set.management_standardized first_set.tax_compliant "
            "first_set.operating_normally first_set.credit_good first_set.no_accidents "
            "first_set.design_and_integration_capability first_set.produced_in_region "
            "first_set.first_in_region first_set.technology_mature "
            "first_set.process_and_equipment_system first_set.has_product_standard "
            "first_set.market_prospects_good first_set.advanced_among_peers "
            "first_set.new_material_catalog first_set.core_ip first_set.trademark "
            "first_set.performance_reliable first_set.license first_set.unit_value "
            "first_set.completion_age first_set.not_own_use first_set.not_kit_assembly "
            "first_set.not_disqualified first_set.documents"
        ),
        "sme_innovative": (
            "sme_innovative.sme_size sme_innovative.not_abnormal_or_dishonest "
            "sme_innovative.no_major_incident sme_innovative.indicator.ip "
            "sme_innovative.indicator.rd_share sme_innovative.indicator.revenue_growth "
            "sme_innovative.indicator.debt_ratio sme_innovative.indicator.product_field "
            "sme_innovative.indicator.main_revenue_share sme_innovative.group.innovation "
            "sme_innovative.group.growth sme_innovative.group.specialization "
            "sme_innovative.total sme_innovative.direct.science_award "
            "sme_innovative.direct.title sme_innovative.direct.rd_institution "
            "sme_innovative.direct.equity_financing sme_innovative.score_or_direct"
        ),
        "sme_specialized": (
            "sme_specialized.sme_size sme_specialized.not_abnormal_or_dishonest "
            "sme_specialized.no_major_incident sme_specialized.basic.niche_years "
            "sme_specialized.basic.rd_expense sme_specialized.basic.rd_share "
            "sme_specialized.basic.revenue sme_specialized.total "
            "sme_specialized.direct.science_award sme_specialized.direct.rd_expense_mean "
            "sme_specialized.direct.equity_financing sme_specialized.direct.maker_china "
            "sme_specialized.score_or_direct sme_specialized.indicator.main_revenue_share "
            "sme_specialized.indicator.revenue_growth sme_specialized.indicator.niche_years "
            "sme_specialized.indicator.product_field sme_specialized.indicator.digital_level "
            "sme_specialized.indicator.quality sme_specialized.indicator.net_profit_margin "
            "sme_specialized.indicator.debt_ratio sme_specialized.indicator.characteristic "
            "sme_specialized.indicator.ip sme_specialized.indicator.rd_expense "
            "sme_specialized.indicator.rd_staff_share "
            "sme_specialized.indicator.rd_institution"
        ),
    },
    "parameters": {
        "cluster": {
            "recent_years": ["int", "8f14641f35a6"],
            "recent_years_anchor": ["choice:application_year|latest_given", "8fb54360de8a"],
            "max_area": ["amount:area", "9ac950b2f628"],
            "min_annual_output": ["amount:money", "b62da0020d53"],
            "min_sme_share": ["share", "b597c5acf42c"],
            "min_leading_share": ["share", "b597c5acf42c"],
            "min_leading_growth": ["share", "fe3e235d8fa9"],
            "growth_method": ["choice:cagr|mean", "09e606686578"],
            "growth_window_years": ["int", "8f14641f35a6"],
            "min_champion_enterprises": ["int", "41527d475c0a"],
            "min_designated_enterprises": ["int", "0a19253f26d1"],
            "min_rd_expense_growth": ["share", "fe3e235d8fa9"],
            "min_patent_growth": ["share", "498d8cca6e19"],
            "min_patent_density": ["decimal", "e83cd20a0ef9"],
            "patent_density_per": ["int", "04ea8acfa5d7"],
            "min_innovation_platforms": ["int", "0a19253f26d1"],
            "min_rd_staff_share": ["share", "629c9b078471"],
            "min_industrial_internet": ["share", "498d8cca6e19"],
            "validity_period": ["period", "eda809f646f4"],
            "renewal_period": ["period", "eda809f646f4"],
            "annual_report_month": ["int", "8f14641f35a6"],
            "annual_report_day": ["int", "99405bee47d9"],
            "annual_report_due_inclusive": ["bool", "e664f741f6a5"],
            "change_filing_period": ["period", "c18d8be9c30f"],
        },
        "disclosure": {
            "default_period": ["period", "34202abf57e5"],
            "article_26_role": ["choice:ceiling|fallback", "33cc91a9bced"],
            "budget_law_period": ["period", "514fd72f8acc"],
            "normative_cleanup_period": ["period", "5141e377e9ac"],
        },
        "ferroalloy": {
            "single_scale_lower": ["amount:mass", "ea8268697391"],
            "single_scale_upper": ["amount:mass", "356ba8ce8578"],
            "group_scale_lower": ["amount:mass", "356ba8ce8578"],
            "group_scale_upper": ["amount:mass", "9a0bc5e5ca98"],
            "ratio_small": ["decimal", "5c5bc3f3e242"],
            "ratio_medium": ["decimal", "d0570f9712d4"],
            "ratio_large": ["decimal", "38f75297895d"],
            "dc_furnace_max": ["amount:apparent_power", "aea86c711487"],
            "eliminated_catalog": ["str", "cb1d10832824"],
            "elimination_plan_scope": ["choice:submerged_arc_only|any_furnace", "bb8f6285678c"],
            "elimination_plan_first_year": ["int", "0b316f9ec4e9"],
            "elimination_plan_last_year": ["int", "a47dd021144d"],
            "capacity_without_approved_figure": ["choice:assessed|both_required", "d6d0277f86cc"],
        },
        "first_set": {
            "threshold_complete_set": ["amount:money_per_set", "9a0bc5e5ca98"],
            "threshold_single_equipment": ["amount:money_per_machine", "ae061bebf28a"],
            "threshold_key_component": ["amount:money_per_mass", "6ba2f95507f0"],
            "threshold_new_material": ["amount:money_per_mass", "849c4935e0fb"],
            "completion_age_limit": ["period", "411238da39ff"],
            "completion_age_end": ["choice:corresponding_day|rest_day_roll", "7db7b246f850"],
            "public_notice_period": ["period", "26c654b949b1"],
            "validity_period": ["period", "411238da39ff"],
            "validity_end": ["choice:corresponding_day|day_before", "7db7b246f850"],
            "published_on": ["date", "2e38e77b22c3"],
            "in_force_reference": ["choice:applied_on|on", "5783e023467c"],
        },
        "sme_innovative": {
            "continuation_until": ["date", "2e38e77b22c3"],
            "band_lower_inclusive": ["bool", "e664f741f6a5"],
            "total_minimum": ["decimal", "894a32aed4e8"],
            "group_minimum_innovation": ["decimal", "5c777b63a67c"],
            "group_minimum_growth": ["decimal", "bd0657010b41"],
            "group_minimum_specialization": ["decimal", "bd0657010b41"],
            "rd_institution_direct_minimum": [
                "choice:national|provincial|municipal|below_municipal|none",
                "82883c310a26",
            ],
            "equity_financing_minimum": ["amount:money", "fc7ead2bf384"],
            "award_window_years": ["int", "8f14641f35a6"],
            "equity_window_years": ["int", "8f14641f35a6"],
            "incident_window_years": ["int", "8f14641f35a6"],
        },
        "sme_specialized": {
            "band_lower_inclusive": ["bool", "e664f741f6a5"],
            "growth_method": ["choice:mean|cagr", "5c2a718696d0"],
            "growth_window_years": ["int", "0a19253f26d1"],
            "niche_years_minimum": ["int", "0a19253f26d1"],
            "rd_expense_minimum": ["amount:money", "589504b69a80"],
            "rd_share_minimum": ["share", "8aec9e9b8b33"],
            "revenue_minimum": ["amount:money", "2a7ee972b32d"],
            "revenue_equity_alternative": ["amount:money", "6b6d01427b22"],
            "equity_window_years": ["int", "0a19253f26d1"],
            "total_minimum": ["decimal", "894a32aed4e8"],
            "award_rank_provincial": ["int", "8f14641f35a6"],
            "award_rank_national": ["int", "cdfbe53f4d92"],
            "award_window_years": ["int", "8f14641f35a6"],
            "rd_expense_mean_minimum": ["amount:money", "2a7ee972b32d"],
            "rd_mean_window_years": ["int", "0a19253f26d1"],
            "equity_financing_direct": ["amount:money", "a2edb0591520"],
            "maker_china_window_years": ["int", "8f14641f35a6"],
            "incident_window_years": ["int", "8f14641f35a6"],
        },
    },
    "schema_sha": {
        "cluster": "f38191a1549d09d6bead60e756b8f3308226bdd5e3b094d479e1bbc2bc56d1c3",
        "disclosure": "852ab62bba3c6456ad1006e9accf928bdbb94aeaf63ac685adccaef401b52187",
        "ferroalloy": "e07408403287f4dc428ee7c73519378c50b66c9ab198606f73695a915a7b2dca",
        "first_set": "678ac00160a9376b3ca66216e092a33f5e7a71cba6734853c84ddd9c468b3385",
        "sme_innovative": "393900331e64bf8507f1fb1fcbcd02f35c0c32f00d498f645245cc052618a98a",
        "sme_specialized": "b41a7be08fef5e77ed7ed46d1eb37b173578734369608053526ee867dc1ac698",
    },
    "cli": {
        "": ["--calendar", "--help", "-h"],
        "evaluate": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["file", [], "None", "None", "None"],
            ["format", ["--format"], "'text'", "('text', 'json', 'markdown')", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
            ["lang", ["--lang"], "'zh'", "('zh', 'en')", "None"],
            ["on", ["--on"], "None", "None", "None"],
            ["param", ["--param"], "[]", "None", "None"],
            ["ruleset", [], "None", "None", "None"],
        ],
        "rules": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
            ["lang", ["--lang"], "'zh'", "('zh', 'en')", "None"],
            ["ruleset", [], "None", "None", "'?'"],
        ],
        "deadline": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
            ["period", [], "None", "None", "None"],
            ["start", [], "None", "None", "None"],
            ["verbose", ["--verbose", "-v"], "False", "None", "0"],
        ],
        "catalog": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["file", ["--file"], "None", "None", "None"],
            ["format", ["--format"], "'text'", "('text', 'json')", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
        ],
        "schema": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
            ["ruleset", [], "None", "None", "None"],
        ],
        "demo": [
            ["calendar_after", ["--calendar"], "[]", "None", "None"],
            ["help", ["--help", "-h"], "'==SUPPRESS=='", "None", "0"],
            ["lang", ["--lang"], "'zh'", "('zh', 'en')", "None"],
        ],
    },
    "finding_ids": {
        "cluster": (
            "cluster.anchor_enterprises cluster.area cluster.carbon_intensity "
            "cluster.chain_coordination cluster.digital_infrastructure "
            "cluster.energy_efficiency cluster.green_mechanism cluster.industrial_internet "
            "cluster.innovation_growth cluster.innovation_platforms "
            "cluster.international_cooperation cluster.leading_growth cluster.leading_share "
            "cluster.local_pillar cluster.niche_leading cluster.no_major_incidents "
            "cluster.operator cluster.output cluster.patent_density cluster.policy_compliant "
            "cluster.public_services cluster.rd_staff_share cluster.shared_facilities "
            "cluster.sme_share cluster.standards_work cluster.three_year_plan "
            "cluster.water_efficiency"
        ),
        "disclosure": "disclosure.on_time",
        "ferroalloy": (
            "ferroalloy.assessment ferroalloy.conversion ferroalloy.ratio_tier "
            "ferroalloy.sufficient_retirement ferroalloy.unit.1#矿热炉 ferroalloy.unit.2#矿热炉 "
            "ferroalloy.unit.2#精炼炉 ferroalloy.unit.3#矿热炉 ferroalloy.unit.3#精炼炉 "
            "ferroalloy.unit.区外3#矿热炉 ferroalloy.unit.硅锰1#炉 ferroalloy.unit.铬铁1#炉"
        ),
        "first_set": (
            "first_set.advanced_among_peers first_set.completion_age first_set.core_ip "
            "first_set.credit_good first_set.design_and_integration_capability "
            "first_set.documents first_set.fills_regional_gap first_set.first_in_region "
            "first_set.fits_industrial_policy first_set.has_product_standard "
            "first_set.license first_set.management_standardized "
            "first_set.market_prospects_good first_set.new_material_catalog "
            "first_set.no_accidents first_set.no_large_market_record "
            "first_set.not_disqualified first_set.not_kit_assembly first_set.not_own_use "
            "first_set.operating_normally first_set.patent first_set.performance_reliable "
            "first_set.process_and_equipment_system first_set.produced_in_region "
            "first_set.promotes_industry_upgrading first_set.registered_in_region "
            "first_set.tax_compliant first_set.technology_leading first_set.technology_mature "
            "first_set.trademark first_set.unit_value"
        ),
        "sme_innovative": (
            "sme_innovative.direct.equity_financing sme_innovative.direct.rd_institution "
            "sme_innovative.direct.science_award sme_innovative.direct.title "
            "sme_innovative.group.growth sme_innovative.group.innovation "
            "sme_innovative.group.specialization sme_innovative.indicator.debt_ratio "
            "sme_innovative.indicator.ip sme_innovative.indicator.main_revenue_share "
            "sme_innovative.indicator.product_field sme_innovative.indicator.rd_share "
            "sme_innovative.indicator.revenue_growth sme_innovative.no_major_incident "
            "sme_innovative.not_abnormal_or_dishonest sme_innovative.score_or_direct "
            "sme_innovative.sme_size sme_innovative.total"
        ),
        "sme_specialized": (
            "sme_specialized.basic.niche_years sme_specialized.basic.rd_expense "
            "sme_specialized.basic.rd_share sme_specialized.basic.revenue "
            "sme_specialized.direct.equity_financing sme_specialized.direct.maker_china "
            "sme_specialized.direct.rd_expense_mean sme_specialized.direct.science_award "
            "sme_specialized.indicator.characteristic sme_specialized.indicator.debt_ratio "
            "sme_specialized.indicator.digital_level sme_specialized.indicator.ip "
            "sme_specialized.indicator.main_revenue_share "
            "sme_specialized.indicator.net_profit_margin "
            "sme_specialized.indicator.niche_years sme_specialized.indicator.product_field "
            "sme_specialized.indicator.quality sme_specialized.indicator.rd_expense "
            "sme_specialized.indicator.rd_institution "
            "sme_specialized.indicator.rd_staff_share "
            "sme_specialized.indicator.revenue_growth sme_specialized.no_major_incident "
            "sme_specialized.not_abnormal_or_dishonest sme_specialized.score_or_direct "
            "sme_specialized.sme_size sme_specialized.total"
        ),
    },
    "result_keys": {
        "cluster": (
            "anchor_date anchor_enterprises growth_method ignored_years latest_year "
            "leading_growth leading_industry missing_trend_years missing_years name "
            "patent_density patent_growth rd_staff_share recent_years recent_years_anchor "
            "sme_rd_expense_growth trend_years years"
        ),
        "disclosure": (
            "basis candidates conflicts due due_not_before item late_days late_working_days "
            "period published rank"
        ),
        "ferroalloy": (
            "counted_retirement excluded_units factors ferrosilicon_equivalent kind "
            "new_capacity ratio required_retirement scale_after surplus tier "
            "undetermined_units units"
        ),
        "first_set": (
            "category latest_application_date missing_documents threshold unchecked_documents "
            "undetermined_documents unit_value validity validity_checked_on"
        ),
        "sme_innovative": "groups improvements indicators max_points nearest_band_up routes total total_range",
        "sme_specialized": (
            "groups growth_method improvements indicators max_points nearest_band_up routes "
            "total total_range"
        ),
    },
    "result_shapes": {
        "cluster": (
            "anchor_date:NoneType anchor_date:str anchor_enterprises.champions[] "
            "anchor_enterprises.champions[]:str anchor_enterprises.designated[] "
            "anchor_enterprises.designated[]:str anchor_enterprises:NoneType "
            "growth_method:str ignored_years[] ignored_years[]:int latest_year:NoneType "
            "latest_year:int leading_growth.annual_rate:str leading_growth.mean_rate:str "
            "leading_growth.method:str leading_growth.ratio:str leading_growth.required:str "
            "leading_growth.steps:int leading_growth.values[]:NoneType "
            "leading_growth.values[]:str leading_growth.yearly_rates[]:str "
            "leading_growth.years[]:int leading_growth:NoneType leading_industry:str "
            "missing_trend_years[] missing_trend_years[]:int missing_years[] "
            "missing_years[]:int name:NoneType name:str patent_density:NoneType "
            "patent_density:str patent_growth.annual_rate:str patent_growth.mean_rate:str "
            "patent_growth.method:str patent_growth.ratio:str patent_growth.required:str "
            "patent_growth.steps:int patent_growth.values[]:NoneType "
            "patent_growth.values[]:int patent_growth.yearly_rates[]:str "
            "patent_growth.years[]:int patent_growth:NoneType rd_staff_share:str "
            "recent_years[]:int recent_years_anchor:str sme_rd_expense_growth.annual_rate:str "
            "sme_rd_expense_growth.mean_rate:str sme_rd_expense_growth.method:str "
            "sme_rd_expense_growth.ratio:str sme_rd_expense_growth.required:str "
            "sme_rd_expense_growth.steps:int sme_rd_expense_growth.values[]:NoneType "
            "sme_rd_expense_growth.values[]:str sme_rd_expense_growth.yearly_rates[]:str "
            "sme_rd_expense_growth.years[]:int sme_rd_expense_growth:NoneType "
            "trend_years[]:int years[] years[].carbon_intensity:NoneType "
            "years[].carbon_intensity:str years[].invention_patents:int "
            "years[].leading_output:NoneType years[].leading_output:str "
            "years[].leading_share:NoneType years[].leading_share:str years[].output:NoneType "
            "years[].output:str years[].sme_output:NoneType years[].sme_output:str "
            "years[].sme_rd_expense:NoneType years[].sme_rd_expense:str "
            "years[].sme_share:NoneType years[].sme_share:str years[].year:int"
        ),
        "disclosure": (
            "basis:NoneType basis:str candidates[].citation.article:str "
            "candidates[].citation.clause:str candidates[].citation.document:str "
            "candidates[].citation.summary:str candidates[].citation.text:str "
            "candidates[].due:NoneType candidates[].due:str candidates[].event.en:str "
            "candidates[].event.zh:str candidates[].needs_year:NoneType "
            "candidates[].needs_year:int candidates[].not_before:NoneType "
            "candidates[].not_before:str candidates[].period:str candidates[].rank:str "
            "candidates[].source:str conflicts[] conflicts[].catalog_due:NoneType "
            "conflicts[].catalog_due:str conflicts[].catalog_due_not_before:NoneType "
            "conflicts[].catalog_due_not_before:str conflicts[].catalog_limit:str "
            "conflicts[].catalog_period:str conflicts[].ceiling:str "
            "conflicts[].ceiling_due:str conflicts[].ceiling_period:str "
            "conflicts[].ceiling_source:str conflicts[].item:str conflicts[].message.en:str "
            "conflicts[].message.zh:str conflicts[].title:str due:NoneType due:str "
            "due_not_before:NoneType due_not_before:str item:str late_days:int "
            "late_working_days:int period:NoneType period:str published:bool rank:NoneType "
            "rank:str"
        ),
        "ferroalloy": (
            "counted_retirement:NoneType counted_retirement:str excluded_units[] "
            "excluded_units[]:str factors.工业硅:str factors.硅铁:str factors.高碳铬铁:str factors{} "
            "ferrosilicon_equivalent:bool kind:NoneType kind:str new_capacity:NoneType "
            "new_capacity:str ratio:NoneType ratio:str required_retirement:NoneType "
            "required_retirement:str scale_after:str surplus:NoneType surplus:str "
            "tier.band.en:str tier.band.zh:str tier.kind:str tier.lower:NoneType "
            "tier.lower:str tier.mode.en:str tier.mode.zh:str tier.ratio:str tier.tier:str "
            "tier.upper:NoneType tier.upper:str tier:NoneType undetermined_units[] "
            "undetermined_units[]:str units.1#矿热炉:NoneType units.1#矿热炉:str "
            "units.2#矿热炉:NoneType units.2#矿热炉:str units.2#精炼炉:str units.3#矿热炉:str "
            "units.3#精炼炉:NoneType units.3#精炼炉:str units.区外3#矿热炉:str units.硅锰1#炉:str "
            "units.铬铁1#炉:str units{}"
        ),
        "first_set": (
            "category:NoneType category:str latest_application_date:str missing_documents[] "
            "missing_documents[]:str threshold:str unchecked_documents[] "
            "unchecked_documents[]:str undetermined_documents[] undetermined_documents[]:str "
            "unit_value:str validity.end:str validity.start:str validity:NoneType "
            "validity_checked_on:NoneType validity_checked_on:str"
        ),
        "sme_innovative": (
            "groups.growth.max:str groups.growth.max_points:str groups.growth.min:str "
            "groups.growth.minimum:str groups.growth.points:NoneType groups.growth.points:str "
            "groups.growth.title:str groups.innovation.max:str "
            "groups.innovation.max_points:str groups.innovation.min:str "
            "groups.innovation.minimum:str groups.innovation.points:NoneType "
            "groups.innovation.points:str groups.innovation.title:str "
            "groups.specialization.max:str groups.specialization.max_points:str "
            "groups.specialization.min:str groups.specialization.minimum:str "
            "groups.specialization.points:NoneType groups.specialization.points:str "
            "groups.specialization.title:str improvements[].band:str improvements[].gain:str "
            "improvements[].indicator:str improvements[].label:str "
            "indicators.debt_ratio.band:NoneType indicators.debt_ratio.band:str "
            "indicators.debt_ratio.group:str indicators.debt_ratio.label:str "
            "indicators.debt_ratio.max:str indicators.debt_ratio.max_points:str "
            "indicators.debt_ratio.min:str indicators.debt_ratio.points:NoneType "
            "indicators.debt_ratio.points:str indicators.debt_ratio.status:str "
            "indicators.debt_ratio.value:NoneType indicators.debt_ratio.value:str "
            "indicators.ip.band:NoneType indicators.ip.band:str indicators.ip.group:str "
            "indicators.ip.label:str indicators.ip.max:str indicators.ip.max_points:str "
            "indicators.ip.min:str indicators.ip.points:NoneType indicators.ip.points:str "
            "indicators.ip.status:str indicators.ip.value:NoneType indicators.ip.value:str "
            "indicators.main_revenue_share.band:NoneType "
            "indicators.main_revenue_share.band:str indicators.main_revenue_share.group:str "
            "indicators.main_revenue_share.label:str indicators.main_revenue_share.max:str "
            "indicators.main_revenue_share.max_points:str "
            "indicators.main_revenue_share.min:str "
            "indicators.main_revenue_share.points:NoneType "
            "indicators.main_revenue_share.points:str "
            "indicators.main_revenue_share.status:str "
            "indicators.main_revenue_share.value:NoneType "
            "indicators.main_revenue_share.value:str indicators.product_field.band:NoneType "
            "indicators.product_field.band:str indicators.product_field.group:str "
            "indicators.product_field.label:str indicators.product_field.max:str "
            "indicators.product_field.max_points:str indicators.product_field.min:str "
            "indicators.product_field.points:NoneType indicators.product_field.points:str "
            "indicators.product_field.status:str indicators.product_field.value:NoneType "
            "indicators.product_field.value:str indicators.rd_share.band:NoneType "
            "indicators.rd_share.band:str indicators.rd_share.group:str "
            "indicators.rd_share.label:str indicators.rd_share.max:str "
            "indicators.rd_share.max_points:str indicators.rd_share.min:str "
            "indicators.rd_share.points:NoneType indicators.rd_share.points:str "
            "indicators.rd_share.status:str indicators.rd_share.value:NoneType "
            "indicators.rd_share.value:str indicators.revenue_growth.band:NoneType "
            "indicators.revenue_growth.band:str indicators.revenue_growth.group:str "
            "indicators.revenue_growth.label:str indicators.revenue_growth.max:str "
            "indicators.revenue_growth.max_points:str indicators.revenue_growth.min:str "
            "indicators.revenue_growth.points:NoneType indicators.revenue_growth.points:str "
            "indicators.revenue_growth.status:str indicators.revenue_growth.value:NoneType "
            "indicators.revenue_growth.value:str max_points:str "
            "nearest_band_up.debt_ratio.advice.en:str "
            "nearest_band_up.debt_ratio.advice.zh:str nearest_band_up.debt_ratio.band:str "
            "nearest_band_up.debt_ratio.gain:str "
            "nearest_band_up.debt_ratio.needs.share.at:str "
            "nearest_band_up.debt_ratio.needs.share.short_by:str "
            "nearest_band_up.debt_ratio.points:str nearest_band_up.debt_ratio:NoneType "
            "nearest_band_up.ip.advice.en:str nearest_band_up.ip.advice.zh:str "
            "nearest_band_up.ip.band:str nearest_band_up.ip.gain:str "
            "nearest_band_up.ip.needs.value:str nearest_band_up.ip.points:str "
            "nearest_band_up.ip:NoneType nearest_band_up.main_revenue_share.advice.en:str "
            "nearest_band_up.main_revenue_share.advice.zh:str "
            "nearest_band_up.main_revenue_share.band:str "
            "nearest_band_up.main_revenue_share.gain:str "
            "nearest_band_up.main_revenue_share.needs.share.at:str "
            "nearest_band_up.main_revenue_share.needs.share.short_by:str "
            "nearest_band_up.main_revenue_share.points:str "
            "nearest_band_up.main_revenue_share:NoneType "
            "nearest_band_up.product_field.advice.en:str "
            "nearest_band_up.product_field.advice.zh:str "
            "nearest_band_up.product_field.band:str nearest_band_up.product_field.gain:str "
            "nearest_band_up.product_field.needs.value:str "
            "nearest_band_up.product_field.points:str nearest_band_up.product_field:NoneType "
            "nearest_band_up.rd_share.advice.en:str nearest_band_up.rd_share.advice.zh:str "
            "nearest_band_up.rd_share.band:str nearest_band_up.rd_share.gain:str "
            "nearest_band_up.rd_share.needs.share.at:str "
            "nearest_band_up.rd_share.needs.share.short_by:str "
            "nearest_band_up.rd_share.points:str nearest_band_up.rd_share:NoneType "
            "nearest_band_up.revenue_growth.advice.en:str "
            "nearest_band_up.revenue_growth.advice.zh:str "
            "nearest_band_up.revenue_growth.band:str nearest_band_up.revenue_growth.gain:str "
            "nearest_band_up.revenue_growth.needs.growth.at:str "
            "nearest_band_up.revenue_growth.needs.growth.short_by:str "
            "nearest_band_up.revenue_growth.points:str "
            "nearest_band_up.revenue_growth:NoneType routes.direct:str routes.overall:str "
            "routes.score:str total:NoneType total:str total_range.max:str "
            "total_range.min:str"
        ),
        "sme_specialized": (
            "groups.characteristic.max:str groups.characteristic.max_points:str "
            "groups.characteristic.min:str groups.characteristic.points:NoneType "
            "groups.characteristic.points:str groups.characteristic.title:str "
            "groups.innovation.max:str groups.innovation.max_points:str "
            "groups.innovation.min:str groups.innovation.points:NoneType "
            "groups.innovation.points:str groups.innovation.title:str "
            "groups.refinement.max:str groups.refinement.max_points:str "
            "groups.refinement.min:str groups.refinement.points:NoneType "
            "groups.refinement.points:str groups.refinement.title:str "
            "groups.specialization.max:str groups.specialization.max_points:str "
            "groups.specialization.min:str groups.specialization.points:NoneType "
            "groups.specialization.points:str groups.specialization.title:str "
            "growth_method:str improvements[].band:str improvements[].gain:str "
            "improvements[].indicator:str improvements[].label:str "
            "indicators.characteristic.band:NoneType indicators.characteristic.band:str "
            "indicators.characteristic.group:str indicators.characteristic.label:str "
            "indicators.characteristic.max:str indicators.characteristic.max_points:str "
            "indicators.characteristic.min:str indicators.characteristic.points:NoneType "
            "indicators.characteristic.points:str indicators.characteristic.status:str "
            "indicators.characteristic.value:NoneType indicators.characteristic.value:str "
            "indicators.debt_ratio.band:str indicators.debt_ratio.group:str "
            "indicators.debt_ratio.label:str indicators.debt_ratio.max:str "
            "indicators.debt_ratio.max_points:str indicators.debt_ratio.min:str "
            "indicators.debt_ratio.points:str indicators.debt_ratio.status:str "
            "indicators.debt_ratio.value:str indicators.digital_level.band:str "
            "indicators.digital_level.group:str indicators.digital_level.label:str "
            "indicators.digital_level.max:str indicators.digital_level.max_points:str "
            "indicators.digital_level.min:str indicators.digital_level.points:str "
            "indicators.digital_level.status:str indicators.digital_level.value:str "
            "indicators.ip.band:str indicators.ip.group:str indicators.ip.label:str "
            "indicators.ip.max:str indicators.ip.max_points:str indicators.ip.min:str "
            "indicators.ip.points:str indicators.ip.status:str indicators.ip.value:str "
            "indicators.main_revenue_share.band:NoneType "
            "indicators.main_revenue_share.band:str indicators.main_revenue_share.group:str "
            "indicators.main_revenue_share.label:str indicators.main_revenue_share.max:str "
            "indicators.main_revenue_share.max_points:str "
            "indicators.main_revenue_share.min:str "
            "indicators.main_revenue_share.points:NoneType "
            "indicators.main_revenue_share.points:str "
            "indicators.main_revenue_share.status:str "
            "indicators.main_revenue_share.value:NoneType "
            "indicators.main_revenue_share.value:str "
            "indicators.net_profit_margin.band:NoneType indicators.net_profit_margin.band:str "
            "indicators.net_profit_margin.group:str indicators.net_profit_margin.label:str "
            "indicators.net_profit_margin.max:str indicators.net_profit_margin.max_points:str "
            "indicators.net_profit_margin.min:str "
            "indicators.net_profit_margin.points:NoneType "
            "indicators.net_profit_margin.points:str indicators.net_profit_margin.status:str "
            "indicators.net_profit_margin.value:NoneType "
            "indicators.net_profit_margin.value:str indicators.niche_years.band:str "
            "indicators.niche_years.group:str indicators.niche_years.label:str "
            "indicators.niche_years.max:str indicators.niche_years.max_points:str "
            "indicators.niche_years.min:str indicators.niche_years.points:str "
            "indicators.niche_years.status:str indicators.niche_years.value:int "
            "indicators.product_field.band:NoneType indicators.product_field.band:str "
            "indicators.product_field.group:str indicators.product_field.label:str "
            "indicators.product_field.max:str indicators.product_field.max_points:str "
            "indicators.product_field.min:str indicators.product_field.points:NoneType "
            "indicators.product_field.points:str indicators.product_field.status:str "
            "indicators.product_field.value:NoneType indicators.product_field.value:str "
            "indicators.quality.band:NoneType indicators.quality.band:str "
            "indicators.quality.group:str indicators.quality.label:str "
            "indicators.quality.max:str indicators.quality.max_points:str "
            "indicators.quality.min:str indicators.quality.points:NoneType "
            "indicators.quality.points:str indicators.quality.status:str "
            "indicators.quality.value:NoneType indicators.quality.value[] "
            "indicators.quality.value[]:str indicators.rd_expense.band:NoneType "
            "indicators.rd_expense.band:str indicators.rd_expense.group:str "
            "indicators.rd_expense.label:str indicators.rd_expense.max:str "
            "indicators.rd_expense.max_points:str indicators.rd_expense.min:str "
            "indicators.rd_expense.points:NoneType indicators.rd_expense.points:str "
            "indicators.rd_expense.status:str indicators.rd_expense.value.amount:str "
            "indicators.rd_expense.value.share:str indicators.rd_expense.value:NoneType "
            "indicators.rd_institution.band:NoneType indicators.rd_institution.band:str "
            "indicators.rd_institution.group:str indicators.rd_institution.label:str "
            "indicators.rd_institution.max:str indicators.rd_institution.max_points:str "
            "indicators.rd_institution.min:str indicators.rd_institution.points:NoneType "
            "indicators.rd_institution.points:str indicators.rd_institution.status:str "
            "indicators.rd_institution.value:NoneType indicators.rd_institution.value:str "
            "indicators.rd_staff_share.band:str indicators.rd_staff_share.group:str "
            "indicators.rd_staff_share.label:str indicators.rd_staff_share.max:str "
            "indicators.rd_staff_share.max_points:str indicators.rd_staff_share.min:str "
            "indicators.rd_staff_share.points:str indicators.rd_staff_share.status:str "
            "indicators.rd_staff_share.value:str indicators.revenue_growth.band:NoneType "
            "indicators.revenue_growth.band:str indicators.revenue_growth.group:str "
            "indicators.revenue_growth.label:str indicators.revenue_growth.max:str "
            "indicators.revenue_growth.max_points:str indicators.revenue_growth.min:str "
            "indicators.revenue_growth.points:NoneType indicators.revenue_growth.points:str "
            "indicators.revenue_growth.status:str indicators.revenue_growth.value:NoneType "
            "indicators.revenue_growth.value:str max_points:str "
            "nearest_band_up.characteristic:NoneType nearest_band_up.debt_ratio.advice.en:str "
            "nearest_band_up.debt_ratio.advice.zh:str nearest_band_up.debt_ratio.band:str "
            "nearest_band_up.debt_ratio.gain:str "
            "nearest_band_up.debt_ratio.needs.share.at:str "
            "nearest_band_up.debt_ratio.needs.share.short_by:str "
            "nearest_band_up.debt_ratio.points:str nearest_band_up.debt_ratio:NoneType "
            "nearest_band_up.digital_level.advice.en:str "
            "nearest_band_up.digital_level.advice.zh:str "
            "nearest_band_up.digital_level.band:str nearest_band_up.digital_level.gain:str "
            "nearest_band_up.digital_level.needs.value:str "
            "nearest_band_up.digital_level.points:str nearest_band_up.digital_level:NoneType "
            "nearest_band_up.ip.advice.en:str nearest_band_up.ip.advice.zh:str "
            "nearest_band_up.ip.band:str nearest_band_up.ip.gain:str "
            "nearest_band_up.ip.needs.value:str nearest_band_up.ip.points:str "
            "nearest_band_up.ip:NoneType nearest_band_up.main_revenue_share.advice.en:str "
            "nearest_band_up.main_revenue_share.advice.zh:str "
            "nearest_band_up.main_revenue_share.band:str "
            "nearest_band_up.main_revenue_share.gain:str "
            "nearest_band_up.main_revenue_share.needs.share.at:str "
            "nearest_band_up.main_revenue_share.needs.share.short_by:str "
            "nearest_band_up.main_revenue_share.points:str "
            "nearest_band_up.main_revenue_share:NoneType "
            "nearest_band_up.net_profit_margin.advice.en:str "
            "nearest_band_up.net_profit_margin.advice.zh:str "
            "nearest_band_up.net_profit_margin.band:str "
            "nearest_band_up.net_profit_margin.gain:str "
            "nearest_band_up.net_profit_margin.needs.share.at:str "
            "nearest_band_up.net_profit_margin.needs.share.short_by:str "
            "nearest_band_up.net_profit_margin.points:str "
            "nearest_band_up.net_profit_margin:NoneType "
            "nearest_band_up.niche_years.advice.en:str "
            "nearest_band_up.niche_years.advice.zh:str nearest_band_up.niche_years.band:str "
            "nearest_band_up.niche_years.gain:str "
            "nearest_band_up.niche_years.needs.years.at:int "
            "nearest_band_up.niche_years.needs.years.short_by:int "
            "nearest_band_up.niche_years.points:str nearest_band_up.niche_years:NoneType "
            "nearest_band_up.product_field.advice.en:str "
            "nearest_band_up.product_field.advice.zh:str "
            "nearest_band_up.product_field.band:str nearest_band_up.product_field.gain:str "
            "nearest_band_up.product_field.needs.value:str "
            "nearest_band_up.product_field.points:str nearest_band_up.product_field:NoneType "
            "nearest_band_up.quality.advice.en:str nearest_band_up.quality.advice.zh:str "
            "nearest_band_up.quality.band:str nearest_band_up.quality.gain:str "
            "nearest_band_up.quality.needs.items[]:str nearest_band_up.quality.points:str "
            "nearest_band_up.quality:NoneType nearest_band_up.rd_expense.advice.en:str "
            "nearest_band_up.rd_expense.advice.zh:str nearest_band_up.rd_expense.band:str "
            "nearest_band_up.rd_expense.gain:str "
            "nearest_band_up.rd_expense.needs.amount.at:str "
            "nearest_band_up.rd_expense.needs.amount.short_by:str "
            "nearest_band_up.rd_expense.needs.share.at:str "
            "nearest_band_up.rd_expense.needs.share.short_by:str "
            "nearest_band_up.rd_expense.points:str nearest_band_up.rd_expense:NoneType "
            "nearest_band_up.rd_institution.advice.en:str "
            "nearest_band_up.rd_institution.advice.zh:str "
            "nearest_band_up.rd_institution.band:str nearest_band_up.rd_institution.gain:str "
            "nearest_band_up.rd_institution.needs.value:str "
            "nearest_band_up.rd_institution.points:str "
            "nearest_band_up.rd_institution:NoneType "
            "nearest_band_up.rd_staff_share.advice.en:str "
            "nearest_band_up.rd_staff_share.advice.zh:str "
            "nearest_band_up.rd_staff_share.band:str nearest_band_up.rd_staff_share.gain:str "
            "nearest_band_up.rd_staff_share.needs.share.at:str "
            "nearest_band_up.rd_staff_share.needs.share.short_by:str "
            "nearest_band_up.rd_staff_share.points:str "
            "nearest_band_up.rd_staff_share:NoneType "
            "nearest_band_up.revenue_growth.advice.en:str "
            "nearest_band_up.revenue_growth.advice.zh:str "
            "nearest_band_up.revenue_growth.band:str nearest_band_up.revenue_growth.gain:str "
            "nearest_band_up.revenue_growth.needs.growth.at:str "
            "nearest_band_up.revenue_growth.needs.growth.short_by:str "
            "nearest_band_up.revenue_growth.points:str "
            "nearest_band_up.revenue_growth:NoneType routes.direct:str routes.overall:str "
            "routes.score:str total:NoneType total:str total_range.max:str "
            "total_range.min:str"
        ),
    },
    "result_orders": {
        "cluster": [
            (
                "name leading_industry growth_method recent_years_anchor anchor_date years "
                "latest_year recent_years missing_years trend_years missing_trend_years "
                "ignored_years leading_growth sme_rd_expense_growth patent_growth "
                "patent_density anchor_enterprises rd_staff_share"
            ),
        ],
        "disclosure": [
            (
                "item due due_not_before late_days late_working_days published basis rank "
                "period candidates conflicts"
            ),
        ],
        "ferroalloy": [
            (
                "kind scale_after tier ratio ferrosilicon_equivalent new_capacity "
                "required_retirement counted_retirement surplus units excluded_units "
                "undetermined_units factors"
            ),
        ],
        "first_set": [
            (
                "category threshold unit_value latest_application_date missing_documents "
                "undetermined_documents unchecked_documents validity validity_checked_on"
            ),
            "category threshold unit_value latest_application_date validity validity_checked_on",
            (
                "category latest_application_date missing_documents undetermined_documents "
                "unchecked_documents validity validity_checked_on"
            ),
            (
                "category threshold unit_value missing_documents undetermined_documents "
                "unchecked_documents validity validity_checked_on"
            ),
            "category latest_application_date validity validity_checked_on",
            "category threshold unit_value validity validity_checked_on",
        ],
        "sme_innovative": [
            "total total_range max_points groups indicators nearest_band_up improvements routes"
        ],
        "sme_specialized": [
            (
                "total total_range max_points groups indicators nearest_band_up improvements "
                "routes growth_method"
            ),
        ],
    },
    "n_cases": {
        "cluster": 178,
        "disclosure": 178,
        "ferroalloy": 178,
        "first_set": 165,
        "sme_innovative": 186,
        "sme_specialized": 176,
    },
    "decision_to_dict_keys": [
        "ruleset",
        "on",
        "status",
        "findings",
        "results",
        "notes",
        "overrides",
    ],
    "finding_to_dict_keys": [
        "id",
        "status",
        "binding",
        "citation",
        "measured",
        "required",
        "gap",
        "message",
    ],
    "decision_public": [
        "explain",
        "finding",
        "findings",
        "notes",
        "on",
        "overrides",
        "results",
        "ruleset",
        "status",
        "to_dict",
        "to_markdown",
    ],
    "finding_public": [
        "binding",
        "citation",
        "gap",
        "id",
        "measured",
        "message",
        "required",
        "status",
        "to_dict",
    ],
    "helpers": {
        "ferroalloy.ratio": "92e2e1cb6d049f08",
        "ferroalloy.tier": "e1217a680d9c9155",
        "ferroalloy.required_retirement": "a98996d8837465cd",
        "ferroalloy.tiers": "0be1dda5a6eadb06",
        "ferroalloy.plan_notice_due": "8b523ee6c855cef0",
        "cluster.valid_until": "c3dd5b74f8e7a188",
        "cluster.change_filing_due": "5599a84fa8c4e015",
        "first_set.public_notice": "f4ad2bd47aaca52a",
        "first_set.results_disclosure_due": "879b7879a6588e31",
        "first_set.validity_window": "de1a7e73f4decb02",
        "disclosure.deadline": "46b38d2591868e7a",
        "cluster.annual_report_due": "496d632323a601c2",
        "cluster.revocation_grounds": "dee14cdfe13e6e2d",
        "first_set.checklist": "ce0fd9b4ebb28294",
        "disclosure.catalog": "be29d47370fc5c73",
        "disclosure.item": "281b70ce2231e624",
        "sme.articles": "7a7fd6215f34320b",
        "sme.priority_fields": "0abe67a9aab9a7f5",
        "sme.priority_lists": "7c98521df221cfbd",
        "sme.priority_chain": "215a227da27b93fd",
        "sme.targets_progress": "6405eda1eb8a87ce",
        "units.parse_amount": "4302da43d24ae43d",
        "units.parse_share": "f9b18869511870ec",
        "units.parse_ratio": "9116ed3940693e21",
        "units.parse_count": "7f1d83d9f6f31940",
        "units.format_decimal": "656f60082953fe8a",
        "units.format_amount": "37e6201e598f60b1",
        "periods.deadline": "b307b4e1f4934c28",
    },
    "old_pickle": (
        "gASVhgIAAAAAAACMEW5tZ3BvbGljeS5vdXRjb21llIwIRGVjaXNpb26Uk5QpgZR9lCiMB3J1bGVzZXSUjAdjb"
        "HVzdGVylIwCb26UjAhkYXRldGltZZSMBGRhdGWUk5RDBAfpBgGUhZRSlIwGc3RhdHVzlGgAjA5EZWNpc2lvbl"
        "N0YXR1c5STlIwKaW5lbGlnaWJsZZSFlFKUjAhmaW5kaW5nc5RoAIwHRmluZGluZ5STlCmBlH2UKIwCaWSUjA5"
        "jbHVzdGVyLm91dHB1dJRoDmgAjAZTdGF0dXOUk5SMA21ldJSFlFKUjAdtZXNzYWdllGgAjAdNZXNzYWdllJOU"
        "KYGUfZQojAJ6aJSMDOS6p+WAvOi+vuagh5SMAmVulIwKb3V0cHV0IG1ldJR1YowIY2l0YXRpb26UTowIbWVhc"
        "3VyZWSUTowIcmVxdWlyZWSUTowDZ2FwlE6MB2JpbmRpbmeUiHViaBYpgZR9lChoGWgaaA5oHIwHbm90X21ldJ"
        "SFlFKUaCBoIimBlH2UKGgljAzkuqflgLzkuI3otrOUaCeMDG91dHB1dCBzaG9ydJR1YmgpTmgqaACMCkZyb3p"
        "lbkRpY3SUk5R9lIwEMjAyNJSMB2RlY2ltYWyUjAdEZWNpbWFslJOUjAUxNC45OZSFlFKUc4WUUpRoK2g9jAIx"
        "NZSFlFKUaCxoPYwEMC4wMZSFlFKUaC2IdWKGlIwHcmVzdWx0c5RoOH2UjAV5ZWFyc5RoAIwKRnJvemVuTGlzd"
        "JSTlE3mB03nB03oB4eUhZRSlHOFlFKUjAVub3Rlc5RoIimBlH2UKGgljAPms6iUaCeMBG5vdGWUdWKFlIwJb3"
        "ZlcnJpZGVzlGg4fZSFlFKUdWIu"
    ),
    "old_pickle_to_dict": {
        "ruleset": "cluster",
        "on": "2025-06-01",
        "status": "ineligible",
        "findings": [
            {
                "id": "cluster.output",
                "status": "met",
                "binding": True,
                "citation": None,
                "measured": None,
                "required": None,
                "gap": None,
                "message": {"zh": "产值达标", "en": "output met"},
            },
            {
                "id": "cluster.output",
                "status": "not_met",
                "binding": True,
                "citation": None,
                "measured": {"2024": "14.99"},
                "required": "15",
                "gap": "0.01",
                "message": {"zh": "产值不足", "en": "output short"},
            },
        ],
        "results": {
            "years": [2022, 2023, 2024],
        },
        "notes": [
            {"zh": "注", "en": "note"},
        ],
        "overrides": {},
    },
    "old_pickle_explain": (
        "cluster @ 2025-06-01: ineligible\n\n[met] cluster.output\n  output met\n\n[not met] "
        "cluster.output\n  output short\n  measured: 2024: 14.99; required: 15; gap: "
        "0.01\n\nnotes:\n  - note\n"
    ),
}

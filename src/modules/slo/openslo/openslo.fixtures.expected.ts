/** Every fixture: applied (the opsdeck kinds it creates) or refused (the field the reason must name). */
export const expected: Record<string, { applies: string[] } | { refused: string; says: RegExp }> = {
  "examples/budgeting-method/occurences-slo.yaml": {
    refused: "spec.indicator.spec.thresholdMetric",
    says: /threshold SLIs .* not supported/,
  },
  "examples/budgeting-method/ratio-timeslices.yaml": { applies: ["SLO/main-page"] },
  "examples/budgeting-method/timeslices-slo.yaml": {
    refused: "spec.timeWindow.0.duration",
    says: /1m is 1 minute.*M = month/,
  },
  "examples/treat-low-traffic-as-equally-important/timeslices-slo.yaml": {
    applies: ["SLO/service-availability"],
  },
  "pkg/openslo/v1/examples/alert_conditions.yaml": {
    applies: ["OpenSLOAlertCondition/cpu-usage-breach", "OpenSLOAlertCondition/latency-too-high"],
  },
  "pkg/openslo/v1/examples/alert_notification_targets.yaml": {
    applies: [
      "OpenSLOAlertNotificationTarget/devs-email-notification",
      "OpenSLOAlertNotificationTarget/pd-on-call-notification",
    ],
  },
  "pkg/openslo/v1/examples/alert_policies.yaml": {
    applies: [
      "OpenSLOAlertPolicy/low-priority",
      "OpenSLOAlertPolicy/high-priority",
      "OpenSLOAlertPolicy/medium-priority",
    ],
  },
  "pkg/openslo/v1/examples/data_sources.yaml": {
    applies: ["OpenSLODataSource/prometheus", "OpenSLODataSource/datadog"],
  },
  // The SDK's example list holds two variants of one Service under one name: a duplicate in one apply.
  "pkg/openslo/v1/examples/services.yaml": {
    refused: "metadata.name",
    says: /duplicate OpenSLOService 'example-service'/,
  },
  "pkg/openslo/v1/examples/slis.yaml": {
    applies: [
      "OpenSLOSLI/search-availability",
      "OpenSLOSLI/end-user-response",
      "OpenSLOSLI/wifi-client-satisfaction",
      "OpenSLOSLI/annotator-throughput",
    ],
  },
  "pkg/openslo/v1/examples/slos.yaml": { applies: ["SLO/web-availability"] },
  "schema-test/spec-files/v1/alert-condition/alert-condition-no-condition.yaml": {
    refused: "spec.condition",
    says: /required/,
  },
  "schema-test/spec-files/v1/alert-condition/alert-condition-no-description.yaml": {
    applies: ["OpenSLOAlertCondition/alert-condition"],
  },
  "schema-test/spec-files/v1/alert-condition/alert-condition-no-sev.yaml": {
    refused: "spec.severity",
    says: /required/,
  },
  "schema-test/spec-files/v1/alert-condition/alert-condition.yaml": {
    applies: ["OpenSLOAlertCondition/alert-condition"],
  },
  "schema-test/spec-files/v1/alert-notification-target/alert-notification-target-no-description.yaml": {
    applies: ["OpenSLOAlertNotificationTarget/on-call-devops-mail-notification"],
  },
  "schema-test/spec-files/v1/alert-notification-target/alert-notification-target-no-target.yaml": {
    refused: "spec.target",
    says: /required/,
  },
  "schema-test/spec-files/v1/alert-notification-target/alert-notification-target.yaml": {
    applies: ["OpenSLOAlertNotificationTarget/on-call-devops-mail-notification"],
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-inline-cond.yaml": {
    applies: ["OpenSLOAlertPolicy/alert-policy"],
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-malformed-cond.yaml": {
    refused: "spec.conditions.0",
    says: /conditionRef/,
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-malformed-targetref.yaml": {
    refused: "spec.notificationTargets.0",
    says: /targetRef/,
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-many-cond.yaml": {
    refused: "spec.conditions",
    says: /exactly one condition/,
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-many-notificationref.yaml": {
    applies: ["OpenSLOAlertPolicy/alert-policy"],
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-no-cond.yaml": {
    refused: "spec.conditions",
    says: /required/,
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy-no-notification.yaml": {
    refused: "spec.notificationTargets",
    says: /required/,
  },
  "schema-test/spec-files/v1/alert-policy/alert-policy.yaml": {
    applies: ["OpenSLOAlertPolicy/alert-policy"],
  },
  "schema-test/spec-files/v1/data-source/data-source.yaml": {
    applies: ["OpenSLODataSource/test-data-source"],
  },
  "schema-test/spec-files/v1/invalid-apiversion.yaml": {
    refused: "kind",
    says: /does not exist in openslo\/v1alpha/,
  },
  "schema-test/spec-files/v1/service/service-long-description.yaml": {
    refused: "spec.description",
    says: /at most 1050/,
  },
  "schema-test/spec-files/v1/service/service-no-displayname.yaml": {
    applies: ["OpenSLOService/my-rad-service"],
  },
  "schema-test/spec-files/v1/service/service.yaml": { applies: ["OpenSLOService/my-rad-service"] },
  "schema-test/spec-files/v1/sli/sli-ratio-good-and-bad.yaml": {
    refused: "spec.ratioMetric.bad",
    says: /not both/,
  },
  "schema-test/spec-files/v1/sli/sli-description-ratio-inline-metricsource.yaml": {
    refused: "spec.ratioMetric.bad",
    says: /not both/,
  },
};
for (const variant of ["description", "no-description"])
  for (const sli of [
    "ratio-bad-inline-metricsource",
    "ratio-bad-metricsourceref",
    "ratio-good-inline-metricsource",
    "ratio-good-metricsourceref",
    "threshold-inline-metricsource",
    "threshold-metricsourceref",
  ])
    expected[`schema-test/spec-files/v1/sli/sli-${variant}-${sli}.yaml`] = {
      applies: ["OpenSLOSLI/great-sli"],
    };
for (const ref of ["indicatorref", "no-indicatorref"])
  for (const w of ["calendar", "rolling"])
    for (const a of ["alerts", "no-alerts"])
      expected[`schema-test/spec-files/v1/slo/slo-${ref}-${w}-${a}.yaml`] =
        ref === "indicatorref"
          ? { refused: "spec.indicatorRef", says: /no SLI named 'indicator-ref-string'/ }
          : { applies: ["SLO/test-slo"] };

{{- /* One injection webhook, calling istiod-<revision>; the caller adds the selectors. */}}
{{- define "istio-revision-tag.webhook" -}}
- name: {{ .prefix }}sidecar-injector.istio.io
  clientConfig:
    service:
      name: istiod-{{ .Values.revision }}
      namespace: {{ .Release.Namespace }}
      path: {{ .Values.injectionPath | quote }}
      port: 443
  sideEffects: None
  rules:
    - operations: ["CREATE"]
      apiGroups: [""]
      apiVersions: ["v1"]
      resources: ["pods"]
  failurePolicy: Fail
  reinvocationPolicy: {{ .Values.reinvocationPolicy | quote }}
  admissionReviewVersions: ["v1"]
{{- end }}

{{- define "istio-revision-tag.labels" -}}
istio.io/tag: {{ .Values.tag | quote }}
istio.io/rev: {{ .Values.revision | quote }}
install.operator.istio.io/owning-resource: unknown
operator.istio.io/component: Pilot
release: {{ .Release.Name }}
app.kubernetes.io/name: istiod
app.kubernetes.io/part-of: istio
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

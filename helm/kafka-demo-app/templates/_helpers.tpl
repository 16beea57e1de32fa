{{/*
The chart name, overridable with nameOverride.
*/}}
{{- define "kafka-demo-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release-wide name prefix (as in the `helm create` scaffold). Names are capped at 63 characters (DNS labels).
*/}}
{{- define "kafka-demo-app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The name of one service's objects (Deployment, Service, PDB), called with (dict "root" $ "name" $serviceKey).
Installed as release "kafka-demo-app" the objects keep the original names (kafka-demo-service-a); any other release
prefixes them with its fullname, so two releases never collide.
*/}}
{{- define "kafka-demo-app.serviceFullname" -}}
{{- $fullname := include "kafka-demo-app.fullname" .root }}
{{- if eq $fullname (include "kafka-demo-app.name" .root) }}
{{- .name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" $fullname .name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "kafka-demo-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels, called with (dict "root" $ "component" $serviceKey); the component is optional for release-wide
objects. They are immutable on a Deployment, so they never carry the version. `app` is the original deployment's
label, kept so that `kubectl logs -l app=kafka-demo-service-a` works as before.
*/}}
{{- define "kafka-demo-app.selectorLabels" -}}
{{- if .component -}}
app: {{ .component }}
{{ end -}}
app.kubernetes.io/name: {{ include "kafka-demo-app.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/*
Common labels, called like selectorLabels.
*/}}
{{- define "kafka-demo-app.labels" -}}
helm.sh/chart: {{ include "kafka-demo-app.chart" .root }}
{{ include "kafka-demo-app.selectorLabels" . }}
{{- with .root.Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/part-of: {{ include "kafka-demo-app.name" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/*
The ServiceAccount the services run as (its IAM role grants Secrets Manager and Parameter Store reads).
*/}}
{{- define "kafka-demo-app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kafka-demo-app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
A service's image reference, called with (dict "root" $ "service" $service): [registry/]repository:tag, the tag
defaulting to the chart's appVersion.
*/}}
{{- define "kafka-demo-app.image" -}}
{{- $image := .service.image }}
{{- $registry := .root.Values.image.registry }}
{{- $tag := default (default .root.Chart.AppVersion .root.Values.image.tag) $image.tag }}
{{- if $registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) $image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $image.repository $tag }}
{{- end }}
{{- end }}

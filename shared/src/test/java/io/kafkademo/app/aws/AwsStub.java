package io.kafkademo.app.aws;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets Manager and SSM Parameter Store as the real AWS SDK clients see them: the AWS JSON 1.1 protocol on a
 * local port (WireMock), with the operation in {@code X-Amz-Target}. A request only matches a stub when its target
 * and its secret id or parameter name are exactly the expected ones; anything else gets WireMock's 404.
 */
final class AwsStub implements AutoCloseable {

	static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

	static final String GET_PARAMETER = "AmazonSSM.GetParameter";

	static final String REGION = "eu-west-1";

	static final String ACCESS_KEY = "AKIDKAFKADEMOTEST";

	private static final String SECRET_KEY = "kafka-demo-test-secret-access-key";

	private static final String ACCOUNT = "123456789012";

	private final WireMockServer server;

	private AwsStub(WireMockServer server) {
		this.server = server;
	}

	static AwsStub start() {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		return new AwsStub(server);
	}

	/** The endpoint, as {@code AWS_ENDPOINT_URL} takes it. */
	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * What a pod needs to reach this stub: region, endpoint and static test credentials (the SDK's default chain
	 * reads real environment variables, which a test cannot set, so the keys go to spring-cloud-aws directly).
	 */
	Map<String, String> environment() {
		Map<String, String> env = new HashMap<>();
		env.put("AWS_REGION", REGION);
		env.put("AWS_ENDPOINT_URL", url());
		env.putAll(staticCredentials());
		return env;
	}

	/** Static test credentials, given to spring-cloud-aws directly. */
	static Map<String, String> staticCredentials() {
		Map<String, String> env = new HashMap<>();
		env.put("spring.cloud.aws.credentials.access-key", ACCESS_KEY);
		env.put("spring.cloud.aws.credentials.secret-key", SECRET_KEY);
		return env;
	}

	/** Serves {@code secretString} as the current version {@code versionId} of secret {@code id}. */
	void secret(String id, String secretString, String versionId) {
		Map<String, Object> body = secretBody(id, versionId);
		body.put("SecretString", secretString);
		this.server.stubFor(secretRequest(id).willReturn(json(200, body)));
	}

	/** Serves a binary secret, which holds no SecretString. */
	void binarySecret(String id) {
		Map<String, Object> body = secretBody(id, "v-binary");
		body.put("SecretBinary", Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3 }));
		this.server.stubFor(secretRequest(id).willReturn(json(200, body)));
	}

	/** Answers requests for secret {@code id} with an AWS error. */
	void secretFails(String id, int status, String errorType, String message) {
		this.server.stubFor(secretRequest(id).willReturn(error(status, errorType, message)));
	}

	/** Answers requests for secret {@code id} only after {@code delayMillis}: a hung endpoint. */
	void secretHangs(String id, int delayMillis) {
		this.server.stubFor(secretRequest(id).willReturn(json(200, secretBody(id, "v-late")).withFixedDelay(delayMillis)));
	}

	/** Answers the first requests for secret {@code id} with the given errors in turn, then with the secret. */
	void secretAfterErrors(String id, String secretString, String versionId, List<ResponseDefinitionBuilder> errors) {
		Map<String, Object> body = secretBody(id, versionId);
		body.put("SecretString", secretString);
		afterErrors("flaky-secret-" + id, () -> secretRequest(id), errors, json(200, body));
	}

	/** Answers the first requests for parameter {@code name} with the given errors in turn, then with {@code value}. */
	void parameterAfterErrors(String name, String value, List<ResponseDefinitionBuilder> errors) {
		afterErrors("flaky-parameter-" + name, () -> parameterRequest(name), errors, parameterAnswer(name, value));
	}

	private void afterErrors(String scenario, Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> errors,
			ResponseDefinitionBuilder answer) {
		String state = com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
		for (int i = 0; i < errors.size(); i++) {
			String next = "after-error-" + (i + 1);
			this.server.stubFor(request.get()
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willReturn(errors.get(i))
				.willSetStateTo(next));
			state = next;
		}
		this.server.stubFor(request.get().inScenario(scenario).whenScenarioStateIs(state).willReturn(answer));
	}

	/** Serves {@code value} as String parameter {@code name}. */
	void parameter(String name, String value) {
		this.server.stubFor(parameterRequest(name).willReturn(parameterAnswer(name, value)));
	}

	private static ResponseDefinitionBuilder parameterAnswer(String name, String value) {
		return json(200, Map.of("Parameter", parameterBody(name, value)));
	}

	private static Map<String, Object> parameterBody(String name, String value) {
		Map<String, Object> parameter = new LinkedHashMap<>();
		parameter.put("Name", name);
		parameter.put("Type", "String");
		parameter.put("Value", value);
		parameter.put("Version", 1);
		parameter.put("ARN", "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + name);
		parameter.put("DataType", "text");
		return parameter;
	}

	/** Answers requests for parameter {@code name} with an AWS error. */
	void parameterFails(String name, int status, String errorType, String message) {
		this.server.stubFor(parameterRequest(name).willReturn(error(status, errorType, message)));
	}

	/**
	 * Answers STS {@code AssumeRoleWithWebIdentity} (the AWS query protocol, in XML), as IRSA's credentials provider
	 * calls it, with temporary credentials.
	 */
	void assumeRoleWithWebIdentity(String accessKey, String secretKey, String sessionToken) {
		String xml = """
				<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <AssumeRoleWithWebIdentityResult>
				    <SubjectFromWebIdentityToken>system:serviceaccount:kafka-demo:kafka-demo-app-sasl-scram-serviceaccount</SubjectFromWebIdentityToken>
				    <AssumedRoleUser>
				      <Arn>arn:aws:sts::%1$s:assumed-role/kafka-demo-app/kafka-demo-test</Arn>
				      <AssumedRoleId>AROAKAFKADEMOTEST:kafka-demo-test</AssumedRoleId>
				    </AssumedRoleUser>
				    <Credentials>
				      <AccessKeyId>%2$s</AccessKeyId>
				      <SecretAccessKey>%3$s</SecretAccessKey>
				      <SessionToken>%4$s</SessionToken>
				      <Expiration>2099-01-01T00:00:00Z</Expiration>
				    </Credentials>
				    <Audience>sts.amazonaws.com</Audience>
				  </AssumeRoleWithWebIdentityResult>
				  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
				</AssumeRoleWithWebIdentityResponse>
				""".formatted(ACCOUNT, accessKey, secretKey, sessionToken);
		this.server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRoleWithWebIdentity"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml)));
	}

	/** Every STS {@code AssumeRoleWithWebIdentity} request received. */
	List<LoggedRequest> assumeRoleRequests() {
		return this.server.findAll(postRequestedFor(urlEqualTo("/"))
			.withRequestBody(containing("Action=AssumeRoleWithWebIdentity")));
	}

	/** Every request received with the given {@code X-Amz-Target}, oldest first. */
	List<LoggedRequest> requests(String target) {
		return this.server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
	}

	/** Every request received, whatever it was. */
	List<LoggedRequest> allRequests() {
		return this.server.findAll(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
	}

	/**
	 * Asserts that {@code request} was signed with AWS Signature Version 4 by our test key, for {@code service}'s
	 * signing name in our region, covering the {@code X-Amz-Target} header.
	 */
	static void assertSigV4(LoggedRequest request, String service) {
		assertSigV4(request, service, ACCESS_KEY);
	}

	/** As {@link #assertSigV4(LoggedRequest, String)}, signed with {@code accessKey}. */
	static void assertSigV4(LoggedRequest request, String service, String accessKey) {
		assertThat(request.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential=" + accessKey + "/\\d{8}/"
				+ REGION + "/" + service + "/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}");
	}

	/** Forgets the stubs and the requests received. */
	void reset() {
		this.server.resetAll();
	}

	/** The JSON text of a SCRAM secret as Terraform creates it for MSK. */
	static String scramSecret(String username, String password) {
		return JsonMapper.shared().writeValueAsString(Map.of("username", username, "password", password));
	}

	/** An AWS JSON 1.1 error answer. */
	static ResponseDefinitionBuilder error(int status, String errorType, String message) {
		return json(status, Map.of("__type", errorType, "message", message));
	}

	private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/x-amz-json-1.1")
			.withHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
			.withBody(JsonMapper.shared().writeValueAsString(body));
	}

	private static Map<String, Object> secretBody(String id, String versionId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ARN", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + id + "-AbCdEf");
		body.put("Name", id);
		body.put("VersionId", versionId);
		body.put("VersionStages", List.of("AWSCURRENT"));
		body.put("CreatedDate", 1.7E9);
		return body;
	}

	private static MappingBuilder secretRequest(String id) {
		return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_SECRET_VALUE))
			.withRequestBody(matchingJsonPath("$.SecretId", equalTo(id)));
	}

	private static MappingBuilder parameterRequest(String name) {
		return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_PARAMETER))
			.withRequestBody(matchingJsonPath("$.Name", equalTo(name)));
	}

	@Override
	public void close() {
		this.server.stop();
	}

}

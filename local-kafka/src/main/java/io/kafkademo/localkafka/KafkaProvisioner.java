package io.kafkademo.localkafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Creates SCRAM users, topics and least-privilege ACLs through a super-user {@link Admin}, the way they are set up on
 * Amazon MSK. Every operation is idempotent and returns once the broker applies the change.
 */
public final class KafkaProvisioner {

	/** Topic Service A produces to and Service B consumes. */
	public static final String FOO_TOPIC = "foo-topic";

	/** Topic Service B produces to and Service A consumes. */
	public static final String BAR_TOPIC = "bar-topic";

	/** Service A's consumer group. */
	public static final String GROUP_A = "consumer-group-A";

	/** Service B's consumer group. */
	public static final String GROUP_B = "consumer-group-B";

	/** Partitions of the demo topics and their dead-letter topics. */
	public static final int DEMO_PARTITIONS = 3;

	/** Suffix of the dead-letter topic that a consumer of a topic writes failed records to. */
	public static final String DLT_SUFFIX = ".DLT";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final Admin admin;

	/** Provisioning through {@code admin}, which must act as a super user. */
	public KafkaProvisioner(Admin admin) {
		this.admin = Objects.requireNonNull(admin, "admin");
	}

	/** Creates {@code user} with a SCRAM-SHA-512 credential (8192 iterations), or changes its password. */
	public void createUser(String user, String password) {
		Objects.requireNonNull(password, "password");
		get(this.admin
			.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ScramFormatArgument.ITERATIONS), password)))
			.all(), "create SCRAM user " + user);
		await(() -> userExists(user), "SCRAM user " + user + " to be visible");
	}

	/** Deletes {@code user}'s SCRAM-SHA-512 credential, if any; its ACLs stay. */
	public void deleteUser(String user) {
		try {
			get(this.admin
				.alterUserScramCredentials(
						List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
				.all(), "delete SCRAM user " + user);
		}
		catch (KafkaProvisioningException ex) {
			if (!(ex.getCause() instanceof ResourceNotFoundException)) {
				throw ex;
			}
		}
		await(() -> !userExists(user), "SCRAM user " + user + " to be gone");
	}

	/** Creates {@code topic} with replication factor 1 unless it exists, and waits until all partitions lead. */
	public void createTopic(String topic, int partitions) {
		try {
			get(this.admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all(),
					"create topic " + topic);
		}
		catch (KafkaProvisioningException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
		await(() -> topicReady(topic), "topic " + topic + " to have a leader for every partition");
	}

	/** Lets {@code user} produce to {@code topic}, idempotently too: WRITE and DESCRIBE on the topic. */
	public void allowWrite(String user, String topic) {
		// No IDEMPOTENT_WRITE on the cluster: the broker lets a producer with WRITE on any topic get a producer id
		// (KIP-679), so idempotent producers, the default, work with just this (AuthorizationTests proves it).
		allow(List.of(topicAcl(user, topic, AclOperation.WRITE), topicAcl(user, topic, AclOperation.DESCRIBE)));
	}

	/** Lets {@code user} consume {@code topic} in {@code group}: READ and DESCRIBE on the topic, READ on the group. */
	public void allowRead(String user, String topic, String group) {
		allow(List.of(topicAcl(user, topic, AclOperation.READ), topicAcl(user, topic, AclOperation.DESCRIBE),
				acl(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ)));
	}

	/** Removes every ACL that {@code user} has on {@code topic}; restore access with allowWrite/allowRead. */
	public void revokeAll(String user, String topic) {
		revoke(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL));
	}

	/** Removes every ACL that {@code user} has on consumer group {@code group}. */
	public void revokeGroup(String user, String group) {
		revoke(user, new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL));
	}

	/**
	 * Sets up the original MSK world: {@code foo-topic} and {@code bar-topic} with 3 partitions and their
	 * {@code .DLT} topics; Service A writes foo-topic and bar-topic.DLT and reads bar-topic in consumer-group-A,
	 * Service B the reverse.
	 */
	public void provisionDemo(String serviceAUser, String serviceAPassword, String serviceBUser,
			String serviceBPassword) {
		for (String topic : List.of(FOO_TOPIC, BAR_TOPIC, FOO_TOPIC + DLT_SUFFIX, BAR_TOPIC + DLT_SUFFIX)) {
			createTopic(topic, DEMO_PARTITIONS);
		}
		createUser(serviceAUser, serviceAPassword);
		createUser(serviceBUser, serviceBPassword);
		allowWrite(serviceAUser, FOO_TOPIC);
		allowWrite(serviceAUser, BAR_TOPIC + DLT_SUFFIX);
		allowRead(serviceAUser, BAR_TOPIC, GROUP_A);
		allowWrite(serviceBUser, BAR_TOPIC);
		allowWrite(serviceBUser, FOO_TOPIC + DLT_SUFFIX);
		allowRead(serviceBUser, FOO_TOPIC, GROUP_B);
	}

	private void allow(Collection<AclBinding> bindings) {
		get(this.admin.createAcls(bindings).all(), "create ACLs " + bindings);
		// The broker's authorizer applies ACLs from the metadata log a moment after the controller commits them;
		// describeAcls is answered by that authorizer, so seeing them there means they are enforced.
		await(() -> bindings.stream().allMatch((binding) -> !describeAcls(binding.toFilter()).isEmpty()),
				"ACLs " + bindings + " to be visible");
	}

	private void revoke(String user, ResourcePattern resource) {
		AclBindingFilter filter = new AclBindingFilter(resource.toFilter(), new AccessControlEntryFilter(
				principal(user), null, AclOperation.ANY, AclPermissionType.ANY));
		get(this.admin.deleteAcls(List.of(filter)).all(), "delete ACLs of " + user + " on " + resource);
		await(() -> describeAcls(filter).isEmpty(), "ACLs of " + user + " on " + resource + " to be gone");
	}

	private Collection<AclBinding> describeAcls(AclBindingFilter filter) {
		return get(this.admin.describeAcls(filter).values(), "describe ACLs " + filter);
	}

	private boolean userExists(String user) {
		try {
			return get(this.admin.describeUserScramCredentials(List.of(user)).description(user),
					"describe SCRAM user " + user)
				.credentialInfos()
				.stream()
				.anyMatch((info) -> info.mechanism() == ScramMechanism.SCRAM_SHA_512);
		}
		catch (KafkaProvisioningException ex) {
			if (ex.getCause() instanceof ResourceNotFoundException) {
				return false;
			}
			throw ex;
		}
	}

	private boolean topicReady(String topic) {
		try {
			Map<String, TopicDescription> descriptions = get(this.admin.describeTopics(List.of(topic)).allTopicNames(),
					"describe topic " + topic);
			List<TopicPartitionInfo> partitions = descriptions.get(topic).partitions();
			return !partitions.isEmpty() && partitions.stream().allMatch((partition) -> partition.leader() != null);
		}
		catch (KafkaProvisioningException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return false;
			}
			throw ex;
		}
	}

	private static AclBinding topicAcl(String user, String topic, AclOperation operation) {
		return acl(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation);
	}

	private static AclBinding acl(String user, ResourcePattern resource, AclOperation operation) {
		return new AclBinding(resource,
				new AccessControlEntry(principal(user), "*", operation, AclPermissionType.ALLOW));
	}

	private static String principal(String user) {
		return "User:" + Objects.requireNonNull(user, "user");
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new KafkaProvisioningException("Timed out after " + TIMEOUT.toSeconds() + " s waiting for "
						+ what, null);
			}
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KafkaProvisioningException("Interrupted while waiting for " + what, ex);
			}
		}
	}

	private static <T> T get(KafkaFuture<T> future, String action) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new KafkaProvisioningException("Could not " + action + ": " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new KafkaProvisioningException("Could not " + action + " within " + TIMEOUT.toSeconds() + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaProvisioningException("Interrupted: " + action, ex);
		}
	}

}

//! The template creates the very indexes the code queries, and lets list-shares read them.

use shared::store::layout as keys;

fn template() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/template.yaml");
    std::fs::read_to_string(path).expect("infra/template.yaml")
}

#[test]
fn every_index_in_keys_is_declared_with_its_attributes() {
    let template = template();
    let declared = template.matches("- IndexName: ").count();
    assert_eq!(declared, keys::INDEXES.len(), "indexes in the template");
    for index in keys::INDEXES {
        let at = template
            .find(&format!("- IndexName: {}\n", index.name))
            .unwrap_or_else(|| panic!("{} is not in the template", index.name));
        let schema: String = template[at..].lines().skip(1).take(3).collect();
        assert!(
            schema.contains(&format!(
                "AttributeName: {}, KeyType: HASH",
                index.partition
            )) && schema.contains(&format!("AttributeName: {}, KeyType: RANGE", index.sort)),
            "{}: {schema}",
            index.name
        );
        for attribute in [index.partition, index.sort] {
            assert!(
                template.contains(&format!("AttributeName: {attribute}, AttributeType: S")),
                "{attribute} is not defined"
            );
        }
    }
}

#[test]
fn list_shares_may_query_every_index() {
    let template = template();
    let start = template.find("  ListSharesFunction:").expect("list-shares");
    let end = template[start..]
        .find("      Events:")
        .map_or(template.len(), |e| start + e);
    let policy = &template[start..end];
    for index in keys::INDEXES {
        assert!(
            policy.contains(&format!("/index/{}\"", index.name)),
            "list-shares may not query {}",
            index.name
        );
    }
}

/// `make infra-check` sam-builds one function (the others are built by `make bench`): that
/// proves them all only while every function is built the same way, from a workspace binary.
#[test]
fn every_function_is_built_by_cargo_lambda_from_a_workspace_binary() {
    let template = template();
    let functions: Vec<&str> = template
        .split("    Type: AWS::Serverless::Function\n")
        .skip(1)
        .collect();
    assert_eq!(functions.len(), 12, "the template's functions");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for function in functions {
        let metadata: Vec<&str> = function.lines().take(5).collect();
        assert!(
            metadata.contains(&"      BuildMethod: rust-cargolambda"),
            "{metadata:?}"
        );
        let binary = metadata
            .iter()
            .find_map(|l| l.trim().strip_prefix("Binary: "))
            .unwrap_or_else(|| panic!("no Binary in {metadata:?}"));
        let main = format!("{root}/functions/{binary}/src/main.rs");
        assert!(std::path::Path::new(&main).exists(), "{main}");
        assert!(
            function.contains("      CodeUri: ..\n"),
            "{binary} is built from the workspace root"
        );
    }
}

/// The stream's filter passes new items of exactly the partitions `file-notifications`
/// handles (events and mail requests): one left out would never be sent.
#[test]
fn the_stream_filter_passes_exactly_what_file_notifications_handles() {
    use shared::records::mail::STREAMED_PREFIXES;
    let template = template();
    let start = template
        .find("  FileNotificationsFunction:")
        .expect("file-notifications");
    let section = &template[start..];
    let filters = &section[section.find("FilterCriteria:").expect("a filter")..];
    let filters = &filters[..filters.find("FunctionResponseTypes").expect("end")];
    let mut prefixes: Vec<&str> = filters
        .lines()
        .filter(|l| l.contains("- Pattern:"))
        .map(|l| {
            assert!(l.contains(r#""eventName": ["INSERT"]"#), "{l}");
            let at = l.find(r#""prefix": ""#).expect("a prefix") + r#""prefix": ""#.len();
            let rest = &l[at..];
            &rest[..rest.find('"').expect("quoted")]
        })
        .collect();
    prefixes.sort_unstable();
    let mut expected = STREAMED_PREFIXES.to_vec();
    expected.sort_unstable();
    assert_eq!(prefixes, expected);
}

/// The block of one top-level resource: from its name to the next line indented as little.
fn resource<'t>(template: &'t str, name: &str) -> &'t str {
    let start = template
        .find(&format!("\n  {name}:\n"))
        .unwrap_or_else(|| panic!("{name} is not in the template"))
        + 1;
    let body = &template[start..];
    let next_resource = |line: &str| {
        let indent = line.len() - line.trim_start().len();
        indent <= 2 && !line.trim().is_empty() && !line.trim_start().starts_with('#')
    };
    let mut end = body.len();
    let mut at = 0;
    for (index, line) in body.split_inclusive('\n').enumerate() {
        if index > 0 && next_resource(line) {
            end = at;
            break;
        }
        at += line.len();
    }
    &body[..end]
}

/// CloudWatch can publish to an encrypted topic only with a key whose policy lets it (the
/// AWS-managed SNS key's never does): every alarm's notification would be dropped.
#[test]
fn alarms_publish_to_a_topic_whose_key_lets_cloudwatch_use_it() {
    let template = template();
    let topic = resource(&template, "AlarmTopic");
    assert!(topic.contains("Type: AWS::SNS::Topic"), "{topic}");
    assert!(
        topic.contains("KmsMasterKeyId: !Ref AlarmTopicKey"),
        "the topic's key is its own: {topic}"
    );
    assert!(!template.contains("alias/aws/sns"), "the AWS-managed key");
    let key = resource(&template, "AlarmTopicKey");
    assert!(key.contains("Type: AWS::KMS::Key"), "{key}");
    let for_cloudwatch = &key[key
        .find("Principal: { Service: cloudwatch.amazonaws.com }")
        .expect("a statement for CloudWatch")..];
    let actions = for_cloudwatch
        .lines()
        .find(|l| l.trim_start().starts_with("Action:"))
        .expect("its actions");
    for needed in ["kms:Decrypt", "kms:GenerateDataKey*"] {
        assert!(actions.contains(needed), "{needed} in {actions}");
    }
    assert!(
        for_cloudwatch.contains("aws:SourceAccount"),
        "only this account's alarms"
    );
    let policy = resource(&template, "AlarmTopicPolicy");
    assert!(
        policy.contains("Principal: { Service: cloudwatch.amazonaws.com }")
            && policy.contains("Action: sns:Publish")
            && policy.contains("Topics: [!Ref AlarmTopic]"),
        "{policy}"
    );
    let alarms = template.matches("Type: AWS::CloudWatch::Alarm").count();
    assert!(alarms > 10, "{alarms} alarms");
    assert_eq!(
        template.matches("AlarmActions: [!Ref AlarmTopic]").count(),
        alarms,
        "every alarm notifies through the topic"
    );
}

/// Calls that skip the distribution skip its web ACL: with a host of the firm's for the API the
/// execute-api endpoint is off and the distribution reaches the API by that host; the
/// distribution has a web ACL with per-address rate rules (made here in us-east-1, where WAF
/// keeps CloudFront's, or named by WebAclArn elsewhere).
#[test]
fn the_api_is_reached_through_the_distribution_and_its_per_address_limits() {
    let template = template();
    let api = resource(&template, "PortalApi");
    assert!(
        api.contains("DisableExecuteApiEndpoint: !If [HasApiDomain, true, false]"),
        "{api}"
    );
    assert!(template.contains(
        "HasApiDomain: !And [!Not [!Equals [!Ref ApiDomainName, \"\"]], !Not [!Equals [!Ref ApiCertificateArn, \"\"]]]"
    ));
    for (name, kind) in [
        ("PortalApiDomain", "AWS::ApiGatewayV2::DomainName"),
        ("PortalApiMapping", "AWS::ApiGatewayV2::ApiMapping"),
    ] {
        let block = resource(&template, name);
        assert!(
            block.contains(&format!("Type: {kind}")) && block.contains("Condition: HasApiDomain"),
            "{block}"
        );
    }
    let distribution = resource(&template, "Distribution");
    let origin = &distribution[distribution.find("- Id: api").expect("the API's origin")..];
    let origin: String = origin.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(
        origin.contains("- HasApiDomain\n") && origin.contains("- !Ref ApiDomainName"),
        "the distribution reaches the API by the firm's host when there is one: {origin}"
    );
    assert!(
        distribution.contains("WebACLId: !If"),
        "the distribution has a web ACL"
    );
    // The functions refuse what did not come through it: the header it adds to each request
    // is the secret every function is given.
    let secret = r#"!Sub "{{resolve:secretsmanager:${OriginSecret}:SecretString}}""#;
    assert!(
        distribution.contains("- HeaderName: X-Origin-Verify")
            && distribution.contains(&format!("HeaderValue: {secret}")),
        "{distribution}"
    );
    let globals = &template[template.find("Globals:").expect("Globals")..];
    let globals = &globals[..globals.find("\nResources:").expect("Resources")];
    assert!(
        globals.contains(&format!(
            "ORIGIN_SECRET: !If\n          - HasPortalOrigin\n          - \"\"\n          - {secret}"
        )),
        "every function knows it (unless a page elsewhere calls the API directly)"
    );
    assert_eq!(
        shared::http::caller::ORIGIN_HEADER,
        "X-Origin-Verify".to_lowercase()
    );
    assert!(template.contains(
        "CreateWebAcl: !And [!Equals [!Ref AWS::Region, us-east-1], !Not [!Condition HasWebAclArn]]"
    ));
    let acl = resource(&template, "PortalWebAcl");
    assert!(
        acl.contains("Scope: CLOUDFRONT") && acl.contains("Condition: CreateWebAcl"),
        "{acl}"
    );
    let per_address = acl.matches("AggregateKeyType: IP").count();
    assert_eq!(per_address, 2, "every request, and sign-in apart: {acl}");
    for limit in [
        "Limit: !Ref RequestsPerAddress",
        "Limit: !Ref SignInRequestsPerAddress",
        "SearchString: /portal/sign-in-links",
        "Action: { Block: {} }",
    ] {
        assert!(acl.contains(limit), "{limit}");
    }
}

/// Uploads attach only after a malware scan: GuardDuty Malware Protection protects the
/// documents bucket where uploads land, tags objects with their verdict, and its scan-result
/// event reaches attach-upload; every function waits for that verdict (none uses the local
/// stand-in).
#[test]
fn guardduty_scans_every_upload_and_its_verdict_reaches_attach_upload() {
    let template = template();
    let plan = resource(&template, "DocumentsMalwareProtection");
    for part in [
        "Type: AWS::GuardDuty::MalwareProtectionPlan",
        "BucketName: !Ref DocumentsBucket",
        "ObjectPrefixes: [matters/]",
        "Status: ENABLED",
        "Role: !GetAtt MalwareProtectionRole.Arn",
    ] {
        assert!(plan.contains(part), "{part} in {plan}");
    }
    let role = resource(&template, "MalwareProtectionRole");
    assert!(
        role.contains("Principal: { Service: malware-protection-plan.guardduty.amazonaws.com }"),
        "{role}"
    );
    for action in [
        "s3:GetObject",
        "s3:PutObjectTagging",
        "events:PutRule",
        "kms:Decrypt",
    ] {
        assert!(role.contains(action), "{action} in {role}");
    }
    let bucket = resource(&template, "DocumentsBucket");
    assert!(bucket.contains("EventBridgeEnabled: true"), "{bucket}");
    let trigger = resource(&template, "AttachUploadFunction");
    let rule = &trigger[trigger.find("MalwareScanResult:").expect("the rule")..];
    assert!(rule.contains("Type: EventBridgeRule"), "{rule}");
    assert!(
        rule.contains("detail-type: [GuardDuty Malware Protection Object Scan Result]"),
        "{rule}"
    );
    assert!(
        rule.contains("bucketName: [!Sub \"${AWS::StackName}-${AWS::AccountId}-documents\"]"),
        "only this stack's bucket: {rule}"
    );
    let globals = &template[template.find("Globals:").expect("globals")..];
    let globals = &globals[..globals.find("\nResources:").expect("resources")];
    assert!(globals.contains("MALWARE_SCAN: guardduty"), "{globals}");
    assert_eq!(
        template.matches("MALWARE_SCAN:").count(),
        1,
        "no function overrides it"
    );
}

//! Creates the table (with its stream), bucket and verified sender that infra/template.yaml
//! creates in AWS, on the local emulator. Safe to run again.

use aws_config::SdkConfig;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, StreamSpecification, StreamViewType,
    TimeToLiveSpecification,
};
use shared::store::layout as keys;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn key(name: &str, kind: KeyType) -> Result<KeySchemaElement, BoxError> {
    Ok(KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(kind)
        .build()?)
}

fn string_attribute(name: &str) -> Result<AttributeDefinition, BoxError> {
    Ok(AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()?)
}

fn index(name: &str, pk: &str, sk: &str) -> Result<GlobalSecondaryIndex, BoxError> {
    Ok(GlobalSecondaryIndex::builder()
        .index_name(name)
        .key_schema(key(pk, KeyType::Hash)?)
        .key_schema(key(sk, KeyType::Range)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()?)
}

pub async fn provision(
    sdk: &SdkConfig,
    table: &str,
    bucket: &str,
    sender: &str,
) -> Result<(), BoxError> {
    let dynamodb = aws_sdk_dynamodb::Client::new(sdk);
    let mut names = vec![keys::PK, keys::SK];
    for index in keys::INDEXES {
        for name in [index.partition, index.sort] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let attributes = names
        .into_iter()
        .map(string_attribute)
        .collect::<Result<Vec<_>, _>>()?;
    let indexes = keys::INDEXES
        .iter()
        .map(|i| index(i.name, i.partition, i.sort))
        .collect::<Result<Vec<_>, _>>()?;
    let created = dynamodb
        .create_table()
        .table_name(table)
        .billing_mode(BillingMode::PayPerRequest)
        .set_attribute_definitions(Some(attributes))
        .key_schema(key(keys::PK, KeyType::Hash)?)
        .key_schema(key(keys::SK, KeyType::Range)?)
        .set_global_secondary_indexes(Some(indexes))
        // New images only: the outbox reads the event records as they were written.
        .stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::NewImage)
                .build()?,
        )
        .send()
        .await;
    match created {
        Ok(_) => {
            dynamodb
                .update_time_to_live()
                .table_name(table)
                .time_to_live_specification(
                    TimeToLiveSpecification::builder()
                        .attribute_name(keys::TTL)
                        .enabled(true)
                        .build()?,
                )
                .send()
                .await?;
        }
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_resource_in_use_exception()) => {}
        Err(err) => return Err(err.into()),
    }

    let s3 = shared::files::client(sdk);
    if let Err(err) = s3.create_bucket().bucket(bucket).send().await {
        let exists = err
            .as_service_error()
            .is_some_and(|e| e.is_bucket_already_owned_by_you() || e.is_bucket_already_exists());
        if !exists {
            return Err(err.into());
        }
    }

    let ses = aws_sdk_sesv2::Client::new(sdk);
    if let Err(err) = ses
        .create_email_identity()
        .email_identity(sender)
        .send()
        .await
    {
        if !err
            .as_service_error()
            .is_some_and(|e| e.is_already_exists_exception())
        {
            return Err(err.into());
        }
    }
    Ok(())
}

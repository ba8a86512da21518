# Give a client access and share a document, with curl and jq against the local stack.
# `make run` prints these commands with its own address and staff token in the first line.
export PORTAL=http://localhost:3000 STAFF=token-from-make-run

# 1. Set up the matter: its title and the owner, who hears of the client's uploads.
curl -sS -X PUT "$PORTAL/matters/m1" -H "authorization: Bearer $STAFF" \
  -d '{"title":"Estate of Smith","owner":{"id":"u1","email":"owner@firm.example","name":"Olive Owner"}}'
#> {"matterId":"m1","title":"Estate of Smith"}

# 2. Give the client access; the mail worker sends the invitation within seconds (read it at $PORTAL/_dev/mail).
curl -sS -X PUT "$PORTAL/matters/m1/contacts/c1" -H "authorization: Bearer $STAFF" \
  -d '{"email":"client@example.com","name":"Carl Client","canDownload":true}'
#> {"contactId":"c1","status":"invited","invitationSent":true}

# 3. A document, and its SHA-256 as S3 writes it (base64), which its upload declares.
printf '%%PDF-demo' > Letter.pdf
export SUM=$(openssl dgst -sha256 -binary Letter.pdf | base64)

# 4. Register it by name, type, size and SHA-256; the answer holds the presigned PUT for its
#    bytes, signed over all four.
curl -sS -X POST "$PORTAL/matters/m1/documents" -H "authorization: Bearer $STAFF" \
  -d "{\"fileName\":\"Letter.pdf\",\"contentType\":\"application/pdf\",\"size\":9,\"checksumSha256\":\"$SUM\"}" > upload.json
jq -c '.headers | keys' upload.json
#> ["content-length","content-type","if-none-match","x-amz-checksum-sha256"]

# 5. Send the bytes with the headers the PUT was signed over (S3 refuses anything else,
#    other bytes of the same size too).
curl -sS -X PUT "$(jq -r .url upload.json)" -H 'content-type: application/pdf' \
  -H 'if-none-match: *' -H "x-amz-checksum-sha256: $SUM" --data-binary @Letter.pdf -o /dev/null -w '%{http_code}\n'
#> 200

# 6. Share it with the client; their digest email follows a few seconds later.
curl -sS -X POST "$PORTAL/matters/m1/shares" -H "authorization: Bearer $STAFF" \
  -d "{\"documentIds\":[\"$(jq -r .documentId upload.json)\"],\"contactIds\":[\"c1\"]}"
#> {"created":1,"contacts":[{"contactId":"c1","newlyShared":1}]}

# 7. What the Sharing section shows now.
curl -sS "$PORTAL/matters/m1/shares" -H "authorization: Bearer $STAFF" | jq '.items[0] | {fileName, contactName}'
#> {"fileName":"Letter.pdf","contactName":"Carl Client"}

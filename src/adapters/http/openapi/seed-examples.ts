/*
 * The examples of the two reference pages the service reproduces, verbatim:
 * seed 000 (JFramework's "Updates an app integration authentication", the
 * PUT of /api/v1/app-integrations/authentication/{id}) and seed 003 (Tyk
 * Enterprise Developer Portal's "Update an application", the PUT of
 * /portal-api/apps/{app_id}). A test compares them with the copies in
 * test/fixtures/seeds, so they cannot drift apart silently.
 */

/** Seed 000: request body of PUT /api/v1/app-integrations/authentication/{id}. */
export const SEED_000_PUT_REQUEST = {
  "appIntegrationId": "sApKpllz4sAplsmzha",
  "code": "GOOGLE_OAUTH2",
  "name": "Google OAuth2 Integration",
  "projectId": "my-google-project-123",
  "clientId": "1234567890-abc.apps.googleusercontent.com",
  "clientSecret": "GOCSPX-EXAMPLESECRET",
  "redirectURI": "https://subdomain.com/auth/callback",
  "scope": "openid email profile",
  "authEndpoint": "https://accounts.google.com/o/oauth2/auth",
  "tokenEndpoint": "https://oauth2.googleapis.com/token",
  "iconURL": "https://subdomain.com/assets/google-icon.png",
  "tags": "#google #oauth2",
  "description": "Integration for Google OAuth2 authentication.",
  "status": "Active",
  "isDefault": true
};

/** Seed 000: its 200 answer, as the seed shows it. */
export const SEED_000_PUT_RESPONSE = {
  "success": true,
  "statusCode": 200,
  "message": "The request was successful.",
  "data": {
    "appIntegration": {
      "type": "PaymentGateway",
      "name": "Stripe",
      "domain": "https://stripe.com",
      "description": "Stripe payment gateway",
      "logoURL": null,
      "status": "Active",
      "id": "sApKpllz4sAplsmzha"
    },
    "isDefault": false,
    "status": "Active",
    "description": "description",
    "tags": "tags",
    "iconURL": "iconUrl",
    "tokenEndpoint": "tokenEndpoint",
    "id": "sApKpllz4sAplsmzha",
    "authEndpoint": "authEndpoint",
    "redirectURI": "redirectUri",
    "clientSecret": "clientSecret",
    "clientId": "clientId",
    "projectId": "projectId",
    "name": "name",
    "code": "code",
    "scope": "scope"
  },
  "errors": []
};

/** Seed 003: request body of PUT /portal-api/apps/{app_id}. */
export const SEED_003_PUT_REQUEST = {
  "Name": "Payment App",
  "Description": "This is my payment application",
  "RedirectURLs": "https://app-host/auth",
  "UserID": 1,
  "Visibility": "personal"
};

/** Seed 003: its 200 answer, as the seed shows it. */
export const SEED_003_PUT_RESPONSE = {
  "Name": "Payment App",
  "Description": "This is my payment application",
  "RedirectURLs": "https://app-host/auth",
  "UserID": 1,
  "Visibility": "personal",
  "ID": 1,
  "CreatedAt": "2023-06-25 13:37",
  "AccessRequests": [
    [
      {
        "Catalogue": "Public Catalogue",
        "Client": "Payment application",
        "CreatedAt": "2023-06-25 13:37",
        "UpdatedAt": "2023-06-25 13:37",
        "DeletedAt": "2023-06-25 13:37",
        "Plan": "Free plan",
        "User": "User#1",
        "AuthType": "authToken",
        "DCREnabled": false,
        "ID": 1,
        "ProvisionImmediately": true,
        "Status": "approved",
        "Products": [
          "Payment API"
        ],
        "Credentials": [
          {
            "AccessRequest": "AccessRequest#2",
            "Credential": "eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6IjY4MjZjZGViMmVlMzQ3ZGQ5ZjQ1ZWZmMjEyMTlhOWU1IiwiaCI6Im11cm11cjY0In0=",
            "CredentialHash": "e1212449778b7ba4",
            "DCRRegistrationAccessToken": "eyJhbGciOiJIUzI1NiIsInR5cCIgOiAiSldUIiwia2lkIiA6ICJmZjIyNmYyZi0yMDA0LTRlOWItOTFmOC1iOGYzOTA2ZDJmYTQifQ.eyJleHAiOjAsImlhdCI6MTY4NzczNzM5MCwianRpIjoiNjc3OTgwYjktZjgwMS00MmQ2LWI4OTItZDdkNDk1MmFhMjU5IiwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdDo5OTk5L3JlYWxtcy9tYXN0ZXIiLCJhdWQiOiJodHRwOi8vbG9jYWxob3N0Ojk5OTkvcmVhbG1zL21hc3RlciIsInR5cCI6IlJlZ2lzdHJhdGlvbkFjY2Vzc1Rva2VuIiwicmVnaXN0cmF0aW9uX2F1dGgiOiJhdXRoZW50aWNhdGVkIn0.wyE93vktqlCywgtyJ8HBTjRPG9NvZEDR3zpSMncdwno",
            "DCRRegistrationClientURI": "http://idp-host/realms/master/clients-registrations/openid-connect/cf4ab76c-c437-4ba2-8e94-1323269b5090",
            "DCRResponse": "{\"redirect_uris\":[\"http://app-host/auth\"],\"token_endpoint_auth_method\":\"client_secret_basic\",\"grant_types\":[\"implicit\",\"client_credentials\"],\"response_types\":[\"id_token\",\"id_token token\"],\"client_id\":\"cf4ab76c-c437-4ba2-8e94-1323269b5090\",\"client_secret\":\"iDe9fkFNBDbVS5JOtYNUDIO8w8N6dWzf\",\"client_name\":\"OAuth2.0 client\",\"scope\":\"address phone offline_access microprofile-jwt\",\"subject_type\":\"public\",\"request_uris\":[],\"tls_client_certificate_bound_access_tokens\":false,\"client_id_issued_at\":1687737390,\"client_secret_expires_at\":0,\"registration_client_uri\":\"http://idp-host/realms/master/clients-registrations/openid-connect/cf4ab76c-c437-4ba2-8e94-1323269b5090\",\"registration_access_token\":\"eyJhbGciOiJIUzI1NiIsInR5cCIgOiAiSldUIiwia2lkIiA6ICJmZjIyNmYyZi0yMDA0LTRlOWItOTFmOC1iOGYzOTA2ZDJmYTQifQ.eyJleHAiOjAsImlhdCI6MTY4NzczNzM5MCwianRpIjoiNjc3OTgwYjktZjgwMS00MmQ2LWI4OTItZDdkNDk1MmFhMjU5IiwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdDo5OTk5L3JlYWxtcy9tYXN0ZXIiLCJhdWQiOiJodHRwOi8vbG9jYWxob3N0Ojk5OTkvcmVhbG1zL21hc3RlciIsInR5cCI6IlJlZ2lzdHJhdGlvbkFjY2Vzc1Rva2VuIiwicmVnaXN0cmF0aW9uX2F1dGgiOiJhdXRoZW50aWNhdGVkIn0.wyE93vktqlCywgtyJ8HBTjRPG9NvZEDR3zpSMncdwno\",\"backchannel_logout_session_required\":false,\"require_pushed_authorization_requests\":false,\"frontchannel_logout_session_required\":false}",
            "Expires": "1969-12-31 19:00",
            "OAuthClientID": "cf4ab76c-c437-4ba2-8e94-1323269b5090",
            "OAuthClientSecret": "iDe9fkFNBDbVS5JOtYNUDIO8w8N6dWzf",
            "RedirectURI": "https://app-host/auth",
            "ResponseType": "id_token token",
            "Scope": "payment client",
            "TokenEndpoints": "payment client"
          }
        ]
      }
    ]
  ]
};

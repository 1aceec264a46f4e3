CREATE TABLE "legal_consents" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"terms_version" text NOT NULL,
	"privacy_version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"first_accepted_at" timestamp with time zone NOT NULL,
	"ip" text,
	CONSTRAINT "legal_consents_subject_kind_subject_id_pk" PRIMARY KEY("subject_kind","subject_id")
);

from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.register, name="register"),
    path("usages/<slug:code>/", views.feature_detail, name="feature"),
    path("usages/<slug:code>/tester/", views.feature_try, name="feature_try"),
    path("transparence/<slug:org_slug>/", views.transparency, name="transparency"),
    path("formation/", views.literacy_index, name="literacy"),
    path("formation/<slug:code>/", views.literacy_path, name="literacy_path"),
    path("reglages/", views.settings_view, name="settings"),
    path("mesures/", views.metrics_view, name="metrics"),
    path("mesures/export.csv", views.metrics_csv, name="metrics_csv"),
    path("biais/", views.bias_view, name="bias"),
    path("analyse-impact/<slug:code>/", views.assessment_edit, name="assessment"),
    path("analyse-impact/<slug:code>/document/", views.assessment_document, name="assessment_document"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/signaler/", views.incident_report, name="incident_report"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("relecture/", views.review_index, name="review"),
    path("relecture/echantillons/<int:pk>/", views.review_sample, name="review_sample"),
    path("relecture/comptes-rendus/<int:pk>/", views.review_item, name="review_item"),
]
